package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.ArtifactSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** identity.events.v1: a linked session's artifacts move to the person; an erasure leaves nothing about them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityEventsIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void a_linked_sessions_artifacts_move_to_the_person_once() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        String onThePhone = api.createId(jwks.token(tenant, session), "markdown", sample("markdown"));
        String onTheLaptop = api.createId(jwks.token(tenant, person), "diagram", sample("diagram"));

        String eventId = send(UUID.randomUUID().toString(), new UserLinked(tenant, session, person, Instant.now()), tenant, person);

        await().atMost(WAIT).until(() -> ids(jwks.token(tenant, person)).size() == 2);
        assertThat(ids(jwks.token(tenant, person))).containsExactlyInAnyOrder(onThePhone, onTheLaptop);
        String sessionToken = jwks.token(tenant, session);
        await("the linked session's token is refused now").atMost(WAIT).until(() -> {
            try {
                ids(sessionToken);
                return false;
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode() == 401;
            }
        });

        send(eventId, new UserLinked(tenant, session, person, Instant.now()), tenant, person);
        assertThat(api.get("/api/artifacts/" + onThePhone, jwks.token(tenant, person))).containsEntry("id", onThePhone);
    }

    @Test
    void an_erasure_deletes_the_persons_artifacts_versions_and_links_confirms_and_spares_everyone_else() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String person = UUID.randomUUID().toString();
        String oldSession = UUID.randomUUID().toString();
        String bystander = UUID.randomUUID().toString();
        String mine = api.createId(jwks.token(tenant, person), "table", sample("table"));
        api.exchange(HttpRequest.POST("/api/artifacts/" + mine + "/shares", Map.of()).bearerAuth(jwks.token(tenant, person)));
        api.createId(jwks.token(tenant, oldSession), "markdown", sample("markdown"));
        String kept = api.createId(jwks.token(tenant, bystander), "markdown", sample("markdown"));
        String erasureId = UUID.randomUUID().toString();

        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            send(UUID.randomUUID().toString(),
                    new ErasureRequested(erasureId, tenant, List.of(person, oldSession), "0".repeat(64), Instant.now()), tenant, person);
            await().atMost(WAIT).until(() -> completions(identity, erasureId).size() == 1);
            ErasureCompleted completed = json.readValue(completions(identity, erasureId).get(0).value(), ErasureCompleted.class);
            assertThat(completed.service()).isEqualTo("artifact-service");
            assertThat(completed.tenantId()).isEqualTo(tenant);
        }
        assertThat(rows("SELECT count(*) FROM artifact.artifacts WHERE tenant_id = ? AND user_id IN (?, ?)", tenant, person, oldSession))
                .isZero();
        assertThat(rows("SELECT count(*) FROM artifact.artifact_versions WHERE artifact_id = ?::uuid", mine)).isZero();
        assertThat(rows("SELECT count(*) FROM artifact.artifact_shares WHERE artifact_id = ?::uuid", mine)).isZero();
        assertThat(ids(jwks.token(tenant, bystander))).containsExactly(kept);
    }

    private List<Object> ids(String token) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/artifacts", token).get("items");
        return items.stream().map(item -> item.get("id")).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> completions(TestKafka.Reader reader, String erasureId) {
        return reader.records().stream()
                .filter(r -> ErasureCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .filter(r -> new String(r.value()).contains(erasureId)).toList();
    }

    private static int rows(String sql, String... values) throws Exception {
        try (Connection db = TestDatabase.admin(); PreparedStatement count = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                count.setString(i + 1, values[i]);
            }
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private String send(String id, DomainEvent event, String tenant, String user) throws Exception {
        TestKafka.send(Topics.IDENTITY_EVENTS, user, json.writeValueAsBytes(event), Map.of(
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, event.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, user,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, user));
        return id;
    }
}
