package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.artifact.fixtures.ArtifactSamples;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A session linked to a person while the agent's tools work for it: they call with the service
 * credential on behalf of the session, before and after the link, and everything is the person's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkingDuringTurnIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SERVICE_TOKEN = "local-dev-service-token";

    private final TestJwks jwks = TestJwks.start();
    private Api api;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @BeforeAll
    void start() {
        api = new Api(http);
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @Test
    void an_artifact_an_agent_made_for_the_session_before_the_link_moves_to_the_person() throws Exception {
        Linking linking = new Linking();
        String before = linking.agentCreates("markdown");

        linking.link();

        await().atMost(WAIT).until(() -> linking.personsArtifacts().contains(before));
        assertThat(rowsOf(linking.session)).isZero();
    }

    @Test
    void an_artifact_an_agent_makes_for_the_session_after_the_link_belongs_to_the_person() throws Exception {
        Linking linking = new Linking();
        linking.linkAndWait();

        String after = linking.agentCreates("table");

        assertThat(linking.personsArtifacts()).contains(after);
        assertThat(api.get("/api/artifacts/" + after, linking.personsToken())).containsEntry("id", after);
        assertThat(rowsOf(linking.session)).as("nothing stays with the retired session").isZero();
    }

    @Test
    void an_agent_updates_an_artifact_of_its_turn_after_the_session_was_linked() throws Exception {
        Linking linking = new Linking();
        String id = linking.agentCreates("table");
        linking.link();
        await().atMost(WAIT).until(() -> linking.personsArtifacts().contains(id));

        HttpResponse<Map<String, Object>> updated = api.exchange(linking.onBehalfOfTheSession(
                HttpRequest.POST("/api/artifacts/" + id + "/versions", Map.of("patch", Map.of("title", "Revised by the agent")))));

        assertThat(updated.getStatus().getCode()).isEqualTo(201);
        assertThat(api.get("/api/artifacts/" + id, linking.personsToken()))
                .containsEntry("version", 2).containsEntry("title", "Revised by the agent");
    }

    /** A tenant with an anonymous session, whose turn's tools make artifacts, and the person it is linked to. */
    private final class Linking {
        final String tenant = "tenant-" + UUID.randomUUID();
        final String session = UUID.randomUUID().toString();
        final String person = UUID.randomUUID().toString();
        private final String threadId = UUID.randomUUID().toString();

        /** As agent-service's artifact tools call: the service credential, on behalf of the session. */
        String agentCreates(String type) {
            HttpResponse<Map<String, Object>> created = api.exchange(onBehalfOfTheSession(HttpRequest.POST("/api/artifacts",
                    Map.of("type", type, "content", ArtifactSamples.asMap(sample(type)), "thread_id", threadId))));
            assertThat(created.getStatus().getCode()).isEqualTo(201);
            return (String) created.body().get("id");
        }

        <T> MutableHttpRequest<T> onBehalfOfTheSession(MutableHttpRequest<T> request) {
            return request.header(ServiceCredentials.TOKEN_HEADER, SERVICE_TOKEN)
                    .header(ServiceCredentials.TENANT_HEADER, tenant)
                    .header(ServiceCredentials.USER_HEADER, session);
        }

        String personsToken() {
            return jwks.token(tenant, person);
        }

        List<Object> personsArtifacts() {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/artifacts", personsToken()).get("items");
            return items.stream().map(item -> item.get("id")).toList();
        }

        void link() throws Exception {
            TestKafka.send(Topics.IDENTITY_EVENTS, person, json.writeValueAsBytes(new UserLinked(tenant, session, person, Instant.now())),
                    Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                            CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                            CloudEventHeaders.TYPE, UserLinked.TYPE,
                            CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                            CloudEventHeaders.TIME, Instant.now().toString(),
                            CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                            CloudEventHeaders.SUBJECT, person,
                            CloudEventHeaders.TENANT_ID, tenant,
                            CloudEventHeaders.USER_ID, person));
        }

        /** The link applied: the session's earlier artifact is the person's. */
        void linkAndWait() throws Exception {
            String earlier = agentCreates("markdown");
            link();
            await().atMost(WAIT).until(() -> personsArtifacts().contains(earlier));
        }
    }

    private static int rowsOf(String userId) throws Exception {
        try (Connection db = TestDatabase.admin();
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM artifact.artifacts WHERE user_id = ?")) {
            count.setString(1, userId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
