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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /chatkit} over real HTTP, the turn's events from a real Kafka topic, chat-service a
 * stand-in: each posted message is answered by a turn whose events the stand-in's hook puts on the
 * topic before chat-service's answer reaches the gateway (the stream must still have it all).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatKitIT implements TestPropertyProvider {
    private final ChatServiceStandIn chat = ChatServiceStandIn.start();
    private final String eventsTopic = TestKafka.createTopic("gateway-it.chatkit", 2);
    /** A message with this in it gets no turn: its stream stays open until the client goes. */
    private static final String SILENT = "[[silent]]";
    private final java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
    private final Map<String, User> usersById = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    dev.agenticchat.gateway.stream.ThreadStreams streams;

    private Events events;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gateway.services.chat", chat.url(),
                "gateway.fanout.topics", eventsTopic,
                "gateway.stream.topic", eventsTopic,
                "gateway.chatkit.app-url", "https://chat.example/");
    }

    @BeforeAll
    void awaitFanOutAndAnswerEveryMessage() {
        events = new Events(json, eventsTopic);
        User user = newUser();
        String threadId = chat.createThread(user.id());
        try (SseStream stream = SseStream.open(uri("/api/threads/" + threadId + "/events"), bearer(user))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                events.send(new TextDelta("warm-up", threadId, 0, "."), user.tenantId(), user.id(), threadId);
                return stream.events().stream().anyMatch(event -> "text_delta".equals(event.name()));
            });
        }
        chat.beforeAnswering(this::answer);
    }

    /** The turn answering a stored user message: "Echo: <content> [1]" in two deltas, with one citation. */
    private void answer(Map<String, Object> message) {
        if (String.valueOf(message.get("content")).contains(SILENT)) {
            return;
        }
        String threadId = (String) message.get("thread_id");
        String messageId = (String) message.get("id");
        User user = usersById.get(chat.ownerOf(threadId));
        String turnId = UUID.randomUUID().toString();
        String answerId = UUID.randomUUID().toString();
        String text = "Echo: " + message.get("content") + " [1]";
        events.send(new TurnStarted(turnId, threadId, messageId, "sim"), user.tenantId(), user.id(), threadId);
        events.send(new TextDelta(turnId, threadId, 0, "Echo: "), user.tenantId(), user.id(), threadId);
        events.send(new TextDelta(turnId, threadId, 1, message.get("content") + " [1]"), user.tenantId(), user.id(), threadId);
        List<TurnCompleted.Citation> citations = List.of(new TurnCompleted.Citation("d-1", "Annual report", 3, "Revenue rose.", 0.9));
        events.send(new TurnCompleted(turnId, threadId, messageId, answerId, text, new TurnCompleted.Usage(8, 4, 12, 1),
                new TurnCompleted.Cost(new BigDecimal("0.0001"), "USD"), List.of(), citations, Instant.now()),
                user.tenantId(), user.id(), threadId);
        chat.storeAnswer(threadId, answerId, text, List.of(Map.of("document_id", "d-1", "title", "Annual report", "page", 3,
                "passage", "Revenue rose.", "score", 0.9)));
    }

    @AfterAll
    void stopChat() {
        chat.close();
    }

    @Test
    void creates_a_thread_with_the_user_message_and_streams_the_answer_as_chatkit_events() throws Exception {
        User user = newUser();
        HttpResponse<String> response = chatkit(user, golden("requests/threads.create"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        List<Map<String, Object>> stream = frames(response.body());
        assertThat(stream).extracting(event -> event.get("type")).containsExactly("thread.created", "thread.item.done",
                "stream_options", "thread.item.added", "thread.item.updated", "thread.item.updated", "thread.item.updated",
                "thread.item.updated", "thread.item.removed", "thread.item.done");
        assertThat(stream).extracting(event -> event.get("update") instanceof Map<?, ?> update ? (Object) update.get("type") : null)
                .containsSubsequence((Object) "assistant_message.content_part.added", "assistant_message.content_part.text_delta",
                        "assistant_message.content_part.text_delta", "assistant_message.content_part.done");

        String threadId = (String) map(stream.get(0).get("thread")).get("id");
        List<Map<String, Object>> stored = chat.messagesOf(threadId);
        assertThat(stored).hasSize(2);
        Map<String, Object> userItem = map(stream.get(1).get("item"));
        assertThat(userItem).containsEntry("type", "user_message").containsEntry("id", stored.get(0).get("id"))
                .containsEntry("thread_id", threadId);
        assertThat(stored.get(0)).containsEntry("content", "Hello, world!");
        Map<String, Object> answer = map(stream.get(9).get("item"));
        assertThat(answer).containsEntry("type", "assistant_message").containsEntry("id", stored.get(1).get("id"));
        Map<String, Object> content = map(((List<?>) answer.get("content")).get(0));
        assertThat(content).containsEntry("text", "Echo: Hello, world! [1]");
        assertThat((List<?>) content.get("annotations")).hasSize(1);
        // The streamed item (the turn's id) gave way to the stored message.
        assertThat(stream.get(8).get("item_id")).isEqualTo(map(stream.get(3).get("item")).get("id"));
    }

    @Test
    void adds_a_user_message_to_a_thread_and_retries_after_one_by_asking_again() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        List<Map<String, Object>> added = frames(chatkit(user, Map.of("type", "threads.add_user_message", "params",
                Map.of("thread_id", threadId, "input", Map.of("content", List.of(Map.of("type", "input_text", "text", "First")),
                        "attachments", List.of(), "inference_options", Map.of())))).body());
        assertThat(added).extracting(event -> event.get("type")).startsWith("thread.item.done", "stream_options")
                .endsWith("thread.item.done");
        String firstId = (String) map(added.get(0).get("item")).get("id");

        List<Map<String, Object>> retried = frames(chatkit(user, Map.of("type", "threads.retry_after_item",
                "params", Map.of("thread_id", threadId, "item_id", firstId))).body());
        assertThat(retried).extracting(event -> event.get("type")).startsWith("stream_options", "thread.item.done")
                .endsWith("thread.item.removed", "thread.item.done");
        assertThat(chat.messagesOf(threadId)).extracting(message -> message.get("content"))
                .containsExactly("First", "Echo: First [1]", "First", "Echo: First [1]");

        Map<String, Object> answerItem = chat.messagesOf(threadId).get(1);
        HttpResponse<String> notUser = chatkit(user, Map.of("type", "threads.retry_after_item",
                "params", Map.of("thread_id", threadId, "item_id", answerItem.get("id"))));
        assertThat(notUser.statusCode()).isEqualTo(400);
        assertThat(errorOf(notUser)).containsEntry("type", "error").containsEntry("code", "custom");
    }

    @Test
    void reads_renames_lists_and_deletes_the_suites_threads_and_items() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        frames(chatkit(user, Map.of("type", "threads.add_user_message", "params", Map.of("thread_id", threadId,
                "input", Map.of("content", List.of(Map.of("type", "input_text", "text", "Hi")), "attachments", List.of(),
                        "inference_options", Map.of())))).body());
        List<Object> storedIds = chat.messagesOf(threadId).stream().map(message -> message.get("id")).map(Object.class::cast).toList();

        Map<String, Object> ascending = ok(chatkit(user, Map.of("type", "items.list", "params", Map.of("thread_id", threadId, "order", "asc"))));
        assertThat((List<?>) ascending.get("data")).extracting(item -> map(item).get("id")).containsExactlyElementsOf(storedIds);
        assertThat(ascending).containsEntry("has_more", false).doesNotContainKey("after");
        Map<String, Object> newest = ok(chatkit(user, Map.of("type", "items.list", "params", Map.of("thread_id", threadId, "limit", 1))));
        assertThat((List<?>) newest.get("data")).extracting(item -> map(item).get("type")).containsExactly("assistant_message");
        assertThat(newest).containsEntry("has_more", true).containsEntry("after", storedIds.get(1));
        Map<String, Object> older = ok(chatkit(user, Map.of("type", "items.list", "params",
                Map.of("thread_id", threadId, "limit", 1, "after", storedIds.get(1)))));
        assertThat((List<?>) older.get("data")).extracting(item -> map(item).get("id")).containsExactly(storedIds.get(0));

        Map<String, Object> thread = ok(chatkit(user, Map.of("type", "threads.get_by_id", "params", Map.of("thread_id", threadId))));
        assertThat(thread).containsEntry("id", threadId).containsEntry("status", Map.of("type", "active"));
        assertThat((List<?>) map(thread.get("items")).get("data")).hasSize(2);

        Map<String, Object> renamed = ok(chatkit(user, Map.of("type", "threads.update", "params", Map.of("thread_id", threadId, "title", "Renamed"))));
        assertThat(renamed).containsEntry("title", "Renamed").containsEntry("items", Map.of("data", List.of(), "has_more", false));
        Map<String, Object> list = ok(chatkit(user, Map.of("type", "threads.list", "params", Map.of())));
        assertThat((List<?>) list.get("data")).extracting(item -> map(item).get("title")).containsExactly("Renamed");

        HttpResponse<String> rated = chatkit(user, Map.of("type", "items.feedback", "params",
                Map.of("thread_id", threadId, "item_ids", List.of(storedIds.get(1)), "kind", "positive")));
        assertThat(rated.statusCode()).isEqualTo(200);
        assertThat(rated.body()).isEqualTo("{}");
        assertThat(chat.requests()).anySatisfy(request -> {
            assertThat(request.method() + " " + request.path()).isEqualTo("PUT /api/threads/" + threadId + "/feedback");
            assertThat(request.body()).contains("\"kind\":\"positive\"").contains(String.valueOf(storedIds.get(1)));
        });

        HttpResponse<String> deleted = chatkit(user, Map.of("type", "threads.delete", "params", Map.of("thread_id", threadId)));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(chatkit(user, Map.of("type", "threads.get_by_id", "params", Map.of("thread_id", threadId))).statusCode()).isEqualTo(404);

        String upload = chat.upload(user.id());
        HttpResponse<String> attachment = chatkit(user, Map.of("type", "attachments.delete", "params", Map.of("attachment_id", upload)));
        assertThat(attachment.statusCode()).isEqualTo(200);
        assertThat(attachment.body()).isEqualTo("{}");
    }

    @Test
    void answers_another_users_thread_in_every_request_type_as_not_found_in_chatkits_error_shape() throws Exception {
        User owner = newUser();
        User stranger = newUser();
        String threadId = chat.createThread(owner.id());
        String messageId = UUID.randomUUID().toString();
        chat.storeAnswer(threadId, messageId, "Secret", List.of());
        String upload = chat.upload(owner.id());
        Map<String, Object> input = Map.of("content", List.of(Map.of("type", "input_text", "text", "Mine now")),
                "attachments", List.of(), "inference_options", Map.of());
        List<Map<String, Object>> requests = List.of(
                Map.of("type", "threads.add_user_message", "params", Map.of("thread_id", threadId, "input", input)),
                Map.of("type", "threads.retry_after_item", "params", Map.of("thread_id", threadId, "item_id", messageId)),
                Map.of("type", "threads.add_client_tool_output", "params", Map.of("thread_id", threadId, "result", Map.of())),
                Map.of("type", "threads.custom_action", "params", Map.of("thread_id", threadId, "action", Map.of("type", "x"))),
                Map.of("type", "threads.get_by_id", "params", Map.of("thread_id", threadId)),
                Map.of("type", "threads.update", "params", Map.of("thread_id", threadId, "title", "Mine")),
                Map.of("type", "threads.delete", "params", Map.of("thread_id", threadId)),
                Map.of("type", "items.list", "params", Map.of("thread_id", threadId)),
                Map.of("type", "items.feedback", "params", Map.of("thread_id", threadId, "item_ids", List.of(messageId), "kind", "positive")),
                Map.of("type", "attachments.delete", "params", Map.of("attachment_id", upload)));
        for (Map<String, Object> request : requests) {
            HttpResponse<String> response = chatkit(stranger, request);
            assertThat(response.statusCode()).as(request.get("type") + " by a stranger").isEqualTo(404);
            assertThat(errorOf(response)).as(request.get("type").toString()).containsEntry("type", "error")
                    .containsEntry("code", "custom").containsEntry("allow_retry", false).containsKey("message");
            assertThat(response.body()).doesNotContain("Secret");
        }
        assertThat(chat.messagesOf(threadId)).extracting(message -> message.get("content")).containsExactly("Secret");
        Map<String, Object> list = ok(chatkit(stranger, Map.of("type", "threads.list", "params", Map.of())));
        assertThat((List<?>) list.get("data")).isEmpty();
        assertThat(ok(chatkit(owner, Map.of("type", "threads.get_by_id", "params", Map.of("thread_id", threadId))))).containsEntry("id", threadId);
    }

    @Test
    void refuses_no_token_a_forged_one_unknown_types_and_what_the_suite_cannot_do() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        String body = json.writeValueAsString(Map.of("type", "threads.list", "params", Map.of()));
        HttpResponse<String> none = plain.send(HttpRequest.newBuilder(uri("/chatkit")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(errorOf(none)).containsEntry("type", "error");
        HttpResponse<String> forged = plain.send(HttpRequest.newBuilder(uri("/chatkit")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer not.a.token").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);

        HttpResponse<String> unknown = chatkit(user, Map.of("type", "threads.teleport", "params", Map.of()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(errorOf(unknown)).containsEntry("message", "unknown request type threads.teleport");
        assertThat(chatkit(user, Map.of("type", "items.list")).statusCode()).isEqualTo(400);
        assertThat(chatkit(user, Map.of("type", "threads.add_client_tool_output", "params",
                Map.of("thread_id", threadId, "result", Map.of()))).statusCode()).isEqualTo(400);
        assertThat(chatkit(user, Map.of("type", "threads.custom_action", "params",
                Map.of("thread_id", threadId, "action", Map.of("type", "x")))).statusCode()).isEqualTo(400);
        HttpResponse<String> twoPhase = chatkit(user, golden("requests/attachments.create"));
        assertThat(twoPhase.statusCode()).isEqualTo(501);
        assertThat(errorOf(twoPhase).get("message").toString()).contains("/chatkit/attachments");
        assertThat(chatkit(user, Map.of("type", "items.feedback", "params", Map.of("thread_id", threadId,
                "item_ids", List.of("x"), "kind", "positive"))).statusCode()).isEqualTo(404);
        HttpResponse<String> traversal = chatkit(user, Map.of("type", "threads.delete", "params", Map.of("thread_id", "../attachments/x")));
        assertThat(traversal.statusCode()).isEqualTo(404);
        assertThat(chat.requests()).noneMatch(request -> request.path().contains("attachments/x"));
        HttpResponse<String> notJson = plain.send(HttpRequest.newBuilder(uri("/chatkit")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + user.token()).POST(HttpRequest.BodyPublishers.ofString("{nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(errorOf(notJson)).containsEntry("type", "error");
    }

    @Test
    void uploads_directly_then_sends_the_attachment_with_a_message() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        String boundary = "chatkit-" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder upload = HttpRequest.newBuilder(uri("/chatkit/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart));
        HttpResponse<String> anonymous = plain.send(upload.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(errorOf(anonymous)).containsEntry("type", "error");

        Map<String, Object> attachment = ok(plain.send(upload.header("Authorization", "Bearer " + user.token()).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(attachment).containsEntry("type", "file").containsEntry("name", "notes.txt").containsKeys("id", "mime_type");
        assertThat(chat.requests()).anySatisfy(request -> {
            assertThat(request.method() + " " + request.path()).isEqualTo("POST /api/attachments");
            assertThat(request.header("Content-Type")).startsWith("multipart/form-data");
            assertThat(request.body()).contains("hello");
        });

        List<Map<String, Object>> added = frames(chatkit(user, Map.of("type", "threads.add_user_message", "params",
                Map.of("thread_id", threadId, "input", Map.of("content", List.of(Map.of("type", "input_text", "text", "See file")),
                        "attachments", List.of(attachment.get("id")), "inference_options", Map.of())))).body());
        List<?> attached = (List<?>) map(added.get(0).get("item")).get("attachments");
        assertThat(attached).hasSize(1);
        assertThat(map(attached.get(0))).containsEntry("id", attachment.get("id")).containsEntry("type", "file")
                .containsEntry("thread_id", threadId);
    }

    @Test
    void lets_go_of_the_threads_stream_when_the_client_leaves_before_the_answer() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        HttpResponse<java.io.InputStream> open = plain.send(HttpRequest.newBuilder(uri("/chatkit"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + user.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("type", "threads.add_user_message",
                        "params", Map.of("thread_id", threadId, "input", Map.of("content",
                                List.of(Map.of("type", "input_text", "text", "Wait " + SILENT)), "attachments", List.of(),
                                "inference_options", Map.of())))))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(open.statusCode()).isEqualTo(200);
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(open.body(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(lines.readLine()).startsWith("data: {\"type\":\"thread.item.done\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> !streams.readers(threadId).isEmpty());
        open.body().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> streams.readers(threadId).isEmpty());
    }

    /** The stream's events; every chunk is exactly {@code data: <one-line JSON>} (no event names, ids or comments). */
    private List<Map<String, Object>> frames(String body) throws IOException {
        List<Map<String, Object>> frames = new ArrayList<>();
        assertThat(body).endsWith("\n\n");
        for (String chunk : body.split("\n\n")) {
            assertThat(chunk).startsWith("data: ").doesNotContain("\n");
            frames.add(json.readValue(chunk.substring("data: ".length()), Argument.mapOf(String.class, Object.class)));
        }
        return frames;
    }

    private HttpResponse<String> chatkit(User user, Object request) throws Exception {
        return plain.sendAsync(HttpRequest.newBuilder(uri("/chatkit")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + user.token())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request))).build(),
                HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
    }

    private Map<String, Object> ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private Map<String, Object> errorOf(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        Map<String, Object> error = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        assertThat(error.keySet()).containsExactlyInAnyOrder("type", "code", "message", "allow_retry");
        return error;
    }

    private Object golden(String path) {
        try (InputStream in = ChatKitIT.class.getResourceAsStream("/chatkit/" + path + ".json")) {
            return json.readValue(in.readAllBytes(), Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, String> bearer(User user) {
        return Map.of("Authorization", "Bearer " + user.token());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private User newUser() {
        Map<String, Object> session = AnonymousUsers.create(http);
        User user = new User((String) session.get("user_id"), (String) session.get("tenant_id"), (String) session.get("access_token"));
        usersById.put(user.id(), user);
        return user;
    }

    private record User(String id, String tenantId, String token) {
    }
}
