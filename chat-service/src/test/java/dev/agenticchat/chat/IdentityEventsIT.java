package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.ChatApi;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** identity.events.v1: a linked session's history moves to the person; an erasure leaves nothing about them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityEventsIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void a_linked_sessions_threads_and_messages_move_to_the_person_once() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        ChatApi anonymous = new ChatApi(http, jwks.token(tenant, session));
        ChatApi linked = new ChatApi(http, jwks.token(tenant, person));
        Object threadId = linked.createThread("Earlier, on the laptop").get("id");
        anonymous.post(null, "Hello from the phone");

        String eventId = send(new UserLinked(tenant, session, person, Instant.now()), tenant, person, person);
        await().atMost(WAIT).until(() -> linked.allThreads().size() == 2);
        await("the linked session's token is refused now").atMost(WAIT)
                .until(() -> anonymous.status(HttpRequest.GET("/api/threads")) == 401);
        Object moved = linked.allThreads().stream().filter(t -> !t.get("id").equals(threadId)).findFirst().orElseThrow().get("id");
        assertThat(linked.history(moved)).extracting(m -> m.get("content")).first().isEqualTo("Hello from the phone");

        sendWithId(eventId, new UserLinked(tenant, session, person, Instant.now()), tenant, person, person);
        assertThat(linked.allThreads()).hasSize(2);
    }

    @Test
    void an_erasure_deletes_every_row_of_the_person_confirms_and_spares_everyone_else() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String person = UUID.randomUUID().toString();
        String oldSession = UUID.randomUUID().toString();
        String bystander = UUID.randomUUID().toString();
        new ChatApi(http, jwks.token(tenant, person)).post(null, "My address is 1 Main Street");
        new ChatApi(http, jwks.token(tenant, oldSession)).post(null, "Call me on 555-0100");
        ChatApi other = new ChatApi(http, jwks.token(tenant, bystander));
        other.post(null, "I stay");
        String erasureId = UUID.randomUUID().toString();

        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            send(new ErasureRequested(erasureId, tenant, List.of(person, oldSession), "0".repeat(64), Instant.now()), tenant, person, person);
            await().atMost(WAIT).until(() -> completions(identity, erasureId).size() == 1);
            ErasureCompleted completed = json.readValue(completions(identity, erasureId).get(0).value(), ErasureCompleted.class);
            assertThat(completed.service()).isEqualTo("chat-service");
            assertThat(completed.tenantId()).isEqualTo(tenant);
        }
        assertThat(rowsAbout(person) + rowsAbout(oldSession)).isZero();
        assertThat(rowsAbout(bystander)).as("the bystander keeps a thread and its messages").isGreaterThanOrEqualTo(2);
        assertThat(other.allThreads()).hasSize(1);
    }

    @Test
    void an_identity_event_without_its_ids_is_parked_at_once_and_the_next_one_still_applies() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        new ChatApi(http, jwks.token(tenant, session)).createThread("Before linking");
        ChatApi linked = new ChatApi(http, jwks.token(tenant, person));

        try (TestKafka.Reader deadLetters = new TestKafka.Reader(Topics.deadLetter(Topics.IDENTITY_EVENTS))) {
            String malformed = send(new UserLinked(null, session, person, Instant.now()), tenant, person, person);
            send(new UserLinked(tenant, session, person, Instant.now()), tenant, person, person);

            await().atMost(WAIT).until(() -> linked.allThreads().size() == 1);
            await().atMost(WAIT).until(() -> deadLetters.records().stream()
                    .anyMatch(r -> malformed.equals(TestKafka.header(r, CloudEventHeaders.ID))));
        }
    }

    private List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> completions(TestKafka.Reader reader, String erasureId) {
        return reader.records().stream()
                .filter(r -> ErasureCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .filter(r -> new String(r.value()).contains(erasureId)).toList();
    }

    /** Threads and messages naming this user, as an auditor would count them. */
    private static int rowsAbout(String userId) throws Exception {
        try (Connection db = TestDatabase.admin();
             PreparedStatement count = db.prepareStatement(
                     "SELECT (SELECT count(*) FROM chat.threads WHERE user_id = ?) + (SELECT count(*) FROM chat.messages WHERE user_id = ?)")) {
            count.setString(1, userId);
            count.setString(2, userId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private String send(DomainEvent event, String tenant, String user, String key) throws Exception {
        return sendWithId(UUID.randomUUID().toString(), event, tenant, user, key);
    }

    private String sendWithId(String id, DomainEvent event, String tenant, String user, String key) throws Exception {
        TestKafka.send(Topics.IDENTITY_EVENTS, key, json.writeValueAsBytes(event), Map.of(
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, event.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, user));
        return id;
    }
}
