package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.ChatServiceStandIn;
import dev.agenticchat.gateway.fixtures.Events;
import dev.agenticchat.gateway.fixtures.SseStream;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The SSE road over real HTTP, events from a real Kafka topic: post then stream the answer, the
 * thread's stream resumed with Last-Event-ID, heartbeats, the HttpOnly cookie, and who may not read.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamSseIT implements TestPropertyProvider {
    private final ChatServiceStandIn chat = ChatServiceStandIn.start();
    private final String eventsTopic = TestKafka.createTopic("gateway-it.sse", 2);
    private final java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    private Events events;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gateway.services.chat", chat.url(),
                "gateway.fanout.topics", eventsTopic,
                "gateway.stream.topic", eventsTopic,
                "gateway.stream.heartbeat", "1s");
    }

    @BeforeAll
    void awaitFanOut() {
        events = new Events(json, eventsTopic);
        User user = newUser();
        String threadId = chat.createThread(user.id());
        try (SseStream stream = SseStream.open(uri("/api/threads/" + threadId + "/events"), bearer(user))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                events.send(new TextDelta("warm-up", threadId, 0, "."), user.tenantId(), user.id(), threadId);
                return stream.events().stream().anyMatch(event -> "text_delta".equals(event.name()));
            });
        }
    }

    @AfterAll
    void stopChat() {
        chat.close();
    }

    @Test
    void posts_a_message_then_streams_the_turn_answering_it_and_ends_with_it() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        HttpResponse<String> posted = post(user, threadId, "{\"content\":\"Hi\",\"client_message_id\":\"c-1\"}");
        assertThat(posted.statusCode()).isEqualTo(201);
        Map<String, Object> answer = json.readValue(posted.body(), Argument.mapOf(String.class, Object.class));
        String messageId = (String) answer.get("message_id");
        assertThat(answer).containsEntry("stream_id", threadId + "." + messageId).containsKeys("message", "thread");

        String turnId = UUID.randomUUID().toString();
        // The turn has already begun, and the gateway has fanned its first delta out (another reader of the
        // thread saw it), when the client gets round to reading its stream.
        try (SseStream thread = SseStream.open(uri("/api/threads/" + threadId + "/events"), bearer(user))) {
            assertThat(thread.status()).isEqualTo(200);
            events.send(new TurnStarted(turnId, threadId, messageId, "sim"), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta(turnId, threadId, 0, "Hel"), user.tenantId(), user.id(), threadId);
            thread.awaitNamed("text_delta");
        }
        try (SseStream stream = SseStream.open(uri("/api/streams/" + answer.get("stream_id")), bearer(user))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            stream.awaitNamed("text_delta");
            events.send(new TextDelta(turnId, threadId, 1, "lo"), user.tenantId(), user.id(), threadId);
            events.send(completed(turnId, threadId, messageId, "Hello"), user.tenantId(), user.id(), threadId);

            assertThat(stream.awaitEnd(Duration.ofSeconds(20))).as("the stream ends with its turn").isTrue();
            List<SseStream.Event> turn = stream.events();
            assertThat(turn).extracting(SseStream.Event::name)
                    .containsExactly("turn_started", "text_delta", "text_delta", "assistant_message", "turn_completed");
            assertThat(turn).allSatisfy(event -> {
                Map<String, Object> frame = json.readValue(event.data(), Argument.mapOf(String.class, Object.class));
                assertThat(frame).containsEntry("type", event.name()).containsEntry("thread_id", threadId);
                assertThat(((Number) frame.get("seq")).longValue()).isEqualTo(Long.parseLong(event.id()));
            });
            assertThat(turn).extracting(event -> Long.parseLong(event.id())).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void resumes_the_threads_stream_after_last_event_id_and_sends_heartbeats() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        String turnId = UUID.randomUUID().toString();
        String lastId;
        try (SseStream first = SseStream.open(uri("/api/threads/" + threadId + "/events"), bearer(user))) {
            events.send(new TurnStarted(turnId, threadId, "m-1", "sim"), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta(turnId, threadId, 0, "one "), user.tenantId(), user.id(), threadId);
            lastId = first.awaitNamed("text_delta").id();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.comments().contains("heartbeat"));
        }
        events.send(new TextDelta(turnId, threadId, 1, "two "), user.tenantId(), user.id(), threadId);
        events.send(new TextDelta(turnId, threadId, 2, "three"), user.tenantId(), user.id(), threadId);

        Map<String, String> headers = new java.util.HashMap<>(bearer(user));
        headers.put("Last-Event-ID", lastId);
        try (SseStream resumed = SseStream.open(uri("/api/threads/" + threadId + "/events"), headers)) {
            resumed.await(event -> event.data().contains("three"), Duration.ofSeconds(20));
            events.send(completed(turnId, threadId, "m-1", "one two three"), user.tenantId(), user.id(), threadId);
            resumed.awaitNamed("turn_completed");
            assertThat(resumed.events()).filteredOn(event -> "text_delta".equals(event.name()))
                    .extracting(event -> json.readValue(event.data(), Argument.mapOf(String.class, Object.class)).get("delta"))
                    .containsExactly("two ", "three");
            // The thread's stream stays open after a turn: the next one comes on it.
            assertThat(resumed.awaitEnd(Duration.ofMillis(1500))).isFalse();
        }
    }

    @Test
    void takes_the_httponly_cookie_but_never_a_token_in_the_url() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        HttpResponse<String> cookie = plain.send(HttpRequest.newBuilder(uri("/api/auth/stream-cookie"))
                .header("Authorization", "Bearer " + user.token()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cookie.statusCode()).isEqualTo(204);
        String setCookie = cookie.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("agentic_stream=" + user.token()).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/api").containsIgnoringCase("Max-Age=");

        try (SseStream byCookie = SseStream.open(uri("/api/threads/" + threadId + "/events"),
                Map.of("Cookie", "agentic_stream=" + user.token()))) {
            assertThat(byCookie.status()).isEqualTo(200);
        }
        try (SseStream byUrl = SseStream.open(uri("/api/threads/" + threadId + "/events?access_token=" + user.token()), Map.of())) {
            assertThat(byUrl.status()).isEqualTo(401);
            assertThat(byUrl.header("Content-Type")).startsWith("application/problem+json");
        }
        // Posting never takes the cookie: no cross-site request can post as the user.
        HttpResponse<String> postByCookie = plain.send(HttpRequest.newBuilder(uri("/api/threads/" + threadId + "/messages"))
                .header("Cookie", "agentic_stream=" + user.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"Hi\",\"client_message_id\":\"c-2\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(postByCookie.statusCode()).isEqualTo(401);
    }

    @Test
    void refuses_a_stranger_no_token_a_bad_token_and_a_bad_last_event_id() throws Exception {
        User owner = newUser();
        User stranger = newUser();
        String threadId = chat.createThread(owner.id());
        try (SseStream theirs = SseStream.open(uri("/api/threads/" + threadId + "/events"), bearer(stranger))) {
            assertThat(theirs.status()).isEqualTo(404);
        }
        try (SseStream theirs = SseStream.open(uri("/api/streams/" + threadId + ".m-1"), bearer(stranger))) {
            assertThat(theirs.status()).isEqualTo(404);
        }
        assertThat(post(stranger, threadId, "{\"content\":\"Hi\",\"client_message_id\":\"c-3\"}").statusCode()).isEqualTo(404);
        try (SseStream none = SseStream.open(uri("/api/threads/" + threadId + "/events"), Map.of())) {
            assertThat(none.status()).isEqualTo(401);
        }
        try (SseStream forged = SseStream.open(uri("/api/threads/" + threadId + "/events"),
                Map.of("Authorization", "Bearer not.a.token"))) {
            assertThat(forged.status()).isEqualTo(401);
        }
        Map<String, String> badResume = new java.util.HashMap<>(bearer(owner));
        badResume.put("Last-Event-ID", "yesterday");
        try (SseStream bad = SseStream.open(uri("/api/threads/" + threadId + "/events"), badResume)) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("Last-Event-ID");
        }
        try (SseStream unknown = SseStream.open(uri("/api/streams/not-a-stream"), bearer(owner))) {
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    private HttpResponse<String> post(User user, String threadId, String body) throws IOException, InterruptedException {
        return plain.send(HttpRequest.newBuilder(uri("/api/threads/" + threadId + "/messages"))
                .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> bearer(User user) {
        return Map.of("Authorization", "Bearer " + user.token());
    }

    private static TurnCompleted completed(String turnId, String threadId, String messageId, String content) {
        return new TurnCompleted(turnId, threadId, messageId, UUID.randomUUID().toString(), content,
                new TurnCompleted.Usage(8, 4, 12, 1), new TurnCompleted.Cost(new BigDecimal("0.0001"), "USD"), List.of(),
                List.of(), Instant.now());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private User newUser() {
        Map<String, Object> session = AnonymousUsers.create(http);
        return new User((String) session.get("user_id"), (String) session.get("tenant_id"), (String) session.get("access_token"));
    }

    private record User(String id, String tenantId, String token) {
    }
}
