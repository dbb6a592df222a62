package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /chatkit} through the whole suite, the LLM simulator as the model: a ChatKit front end's
 * requests, the same history as the web API, and nobody reaching another's thread.
 */
class ChatKitE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(body, e);
            }
        }

        /** The stream's events: each chunk exactly {@code data: <JSON>}, as ChatKit's reference writes them. */
        List<JsonNode> events() {
            assertThat(contentType).startsWith("text/event-stream");
            List<JsonNode> events = new ArrayList<>();
            for (String chunk : body.split("\n\n")) {
                assertThat(chunk).startsWith("data: ");
                try {
                    events.add(JSON.readTree(chunk.substring("data: ".length())));
                } catch (Exception e) {
                    throw new IllegalStateException(chunk, e);
                }
            }
            return events;
        }
    }

    @Test
    void creates_a_thread_streams_its_answer_and_shows_the_same_history_as_the_web_api() throws Exception {
        Api.Session session = api.anonymousSession();
        List<JsonNode> created = chatkit(session.accessToken(), request("threads.create",
                Map.of("input", input("[[text:Hello from the suite]] hi")))).events();
        assertThat(types(created)).startsWith("thread.created", "thread.item.done", "stream_options", "thread.item.added")
                .contains("thread.item.updated").endsWith("thread.item.removed", "thread.item.done");
        String threadId = created.get(0).path("thread").path("id").asText();
        JsonNode answer = created.get(created.size() - 1).path("item");
        assertThat(answer.path("type").asText()).isEqualTo("assistant_message");
        assertThat(answer.path("content").get(0).path("text").asText()).isEqualTo("Hello from the suite");
        String deltas = created.stream().filter(event -> "assistant_message.content_part.text_delta".equals(event.path("update").path("type").asText()))
                .map(event -> event.path("update").path("delta").asText()).reduce("", String::concat);
        assertThat(deltas).isEqualTo("Hello from the suite");

        // The same messages, ids and texts as the web app's history (once chat-service has stored the answer).
        JsonNode history = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/threads/" + threadId + "/messages", session.accessToken()).body().path("items"),
                stored -> stored.size() == 2);
        JsonNode items = chatkit(session.accessToken(), request("items.list", Map.of("thread_id", threadId, "order", "asc"))).json();
        assertThat(ids(items.path("data"))).containsExactlyElementsOf(ids(history));
        assertThat(types(items.path("data"))).containsExactly("user_message", "assistant_message");
        assertThat(items.path("data").get(0).path("content").get(0).path("text").asText()).isEqualTo(history.get(0).path("content").asText());
        assertThat(items.path("data").get(1).path("id").asText()).isEqualTo(answer.path("id").asText());
        assertThat(created.get(1).path("item").path("id").asText()).isEqualTo(history.get(0).path("id").asText());

        // A chart artifact is a Chart widget; the tool call shows as progress.
        List<JsonNode> charted = chatkit(session.accessToken(), request("threads.add_user_message",
                Map.of("thread_id", threadId, "input", input("[[tool:create_chart_artifact]] chart our quarterly sales")))).events();
        assertThat(types(charted)).startsWith("thread.item.done", "stream_options").contains("progress_update").endsWith("thread.item.done");
        JsonNode widget = charted.stream().filter(event -> "widget".equals(event.path("item").path("type").asText())).findFirst()
                .orElseThrow().path("item").path("widget");
        assertThat(widget.path("type").asText()).isEqualTo("Card");
        assertThat(types(widget.path("children"))).contains("Chart");
        String widgetId = charted.stream().filter(event -> "widget".equals(event.path("item").path("type").asText())).findFirst()
                .orElseThrow().path("item").path("id").asText();
        // The history draws the stored artifact as the stream did.
        JsonNode storedWidget = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                StreamSupport.stream(chatkit(session.accessToken(), request("items.list", Map.of("thread_id", threadId, "limit", 2)))
                        .json().path("data").spliterator(), false)
                        .filter(item -> "widget".equals(item.path("type").asText())).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(storedWidget.path("id").asText()).isEqualTo(widgetId);
        assertThat(types(storedWidget.path("widget").path("children"))).contains("Chart");

        // threads.list / update / get_by_id / feedback / delete, each seen by the web API.
        JsonNode listed = chatkit(session.accessToken(), request("threads.list", Map.of("limit", 10))).json();
        assertThat(ids(listed.path("data"))).contains(threadId);
        JsonNode renamed = chatkit(session.accessToken(), request("threads.update", Map.of("thread_id", threadId, "title", "Via ChatKit"))).json();
        assertThat(renamed.path("title").asText()).isEqualTo("Via ChatKit");
        assertThat(api.get("/api/threads/" + threadId, session.accessToken()).body().path("title").asText()).isEqualTo("Via ChatKit");
        JsonNode thread = chatkit(session.accessToken(), request("threads.get_by_id", Map.of("thread_id", threadId))).json();
        assertThat(thread.path("items").path("data").size()).isEqualTo(api.get("/api/threads/" + threadId + "/messages",
                session.accessToken()).body().path("items").size() + 1);
        Answer rated = chatkit(session.accessToken(), request("items.feedback", Map.of("thread_id", threadId,
                "item_ids", List.of(answer.path("id").asText()), "kind", "negative")));
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.body()).isEqualTo("{}");
        JsonNode feedback = api.get("/api/threads/" + threadId + "/feedback", session.accessToken()).body();
        assertThat(feedback.get(0).path("message_id").asText()).isEqualTo(answer.path("id").asText());
        assertThat(feedback.get(0).path("kind").asText()).isEqualTo("negative");
        Answer deleted = chatkit(session.accessToken(), request("threads.delete", Map.of("thread_id", threadId)));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(api.get("/api/threads/" + threadId, session.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void answers_every_request_about_another_users_thread_as_not_found_in_any_tenant_and_refuses_no_token() throws Exception {
        Api.Session owner = api.anonymousSession();
        List<JsonNode> created = chatkit(owner.accessToken(), request("threads.create", Map.of("input", input("[[text:Private]] secret")))).events();
        String threadId = created.get(0).path("thread").path("id").asText();
        String answerId = created.get(created.size() - 1).path("item").path("id").asText();
        String userMessageId = created.get(1).path("item").path("id").asText();
        Api.Session sameTenant = api.anonymousSession();
        String slug = "chatkit-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.operator("POST", "/api/admin/tenants", Map.of("slug", slug, "name", "ChatKit " + slug)).status()).isEqualTo(201);
        Api.Session otherTenant = api.anonymousSession(slug);
        Map<String, Object> input = input("mine now");
        List<Map<String, Object>> requests = List.of(
                request("threads.add_user_message", Map.of("thread_id", threadId, "input", input)),
                request("threads.retry_after_item", Map.of("thread_id", threadId, "item_id", userMessageId)),
                request("threads.add_client_tool_output", Map.of("thread_id", threadId, "result", Map.of())),
                request("threads.custom_action", Map.of("thread_id", threadId, "action", Map.of("type", "x"))),
                request("threads.get_by_id", Map.of("thread_id", threadId)),
                request("threads.update", Map.of("thread_id", threadId, "title", "Mine")),
                request("threads.delete", Map.of("thread_id", threadId)),
                request("items.list", Map.of("thread_id", threadId)),
                request("items.feedback", Map.of("thread_id", threadId, "item_ids", List.of(answerId), "kind", "negative")));
        for (Api.Session stranger : List.of(sameTenant, otherTenant)) {
            for (Map<String, Object> request : requests) {
                Answer refused = chatkit(stranger.accessToken(), request);
                assertThat(refused.status()).as(request.get("type") + " by a stranger: " + refused.body()).isEqualTo(404);
                assertThat(refused.json().path("type").asText()).isEqualTo("error");
                assertThat(refused.json().path("message").asText()).contains("not found");
                assertThat(refused.body()).doesNotContain("Private").doesNotContain("secret");
            }
            assertThat(chatkit(stranger.accessToken(), request("threads.list", Map.of())).json().path("data").size()).isZero();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/threads/" + threadId + "/messages", owner.accessToken()).body().path("items").size() == 2);
        assertThat(api.get("/api/threads/" + threadId + "/feedback", owner.accessToken()).body().size()).isZero();

        Answer none = chatkit(null, request("threads.list", Map.of()));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("type").asText()).isEqualTo("error");
        Answer unknown = chatkit(owner.accessToken(), request("threads.teleport", Map.of()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("message").asText()).isEqualTo("unknown request type threads.teleport");
    }

    @Test
    void uploads_directly_sends_the_attachment_with_a_message_and_deletes_an_upload() throws Exception {
        Api.Session session = api.anonymousSession();
        Api.Response uploaded = api.upload("/chatkit/attachments", session.accessToken(), "lighthouse.png", AttachmentsE2EIT.PNG);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.body().path("type").asText()).isEqualTo("file");
        assertThat(uploaded.body().path("mime_type").asText()).isEqualTo("image/png");
        String attachmentId = uploaded.body().path("id").asText();

        Map<String, Object> input = new LinkedHashMap<>(input("[[text:A fine lighthouse]] look"));
        input.put("attachments", List.of(attachmentId));
        List<JsonNode> created = chatkit(session.accessToken(), request("threads.create", Map.of("input", input))).events();
        JsonNode attached = created.get(1).path("item").path("attachments");
        assertThat(attached.size()).isEqualTo(1);
        assertThat(attached.get(0).path("id").asText()).isEqualTo(attachmentId);
        assertThat(attached.get(0).path("name").asText()).isEqualTo("lighthouse.png");
        String threadId = created.get(0).path("thread").path("id").asText();
        JsonNode history = api.get("/api/threads/" + threadId + "/messages", session.accessToken()).body().path("items");
        assertThat(history.get(0).path("attachments").get(0).path("id").asText()).isEqualTo(attachmentId);

        String spare = api.upload("/chatkit/attachments", session.accessToken(), "spare.png", AttachmentsE2EIT.PNG).body().path("id").asText();
        Api.Session stranger = api.anonymousSession();
        assertThat(chatkit(stranger.accessToken(), request("attachments.delete", Map.of("attachment_id", spare))).status()).isEqualTo(404);
        Answer deleted = chatkit(session.accessToken(), request("attachments.delete", Map.of("attachment_id", spare)));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(api.get("/api/attachments/" + spare, session.accessToken()).status()).isEqualTo(404);
        assertThat(api.upload("/chatkit/attachments", null, "x.png", AttachmentsE2EIT.PNG).status()).isEqualTo(401);
    }

    private static Answer chatkit(String token, Map<String, Object> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gateway() + "/chatkit")).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static Map<String, Object> request(String type, Map<String, Object> params) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", type);
        request.put("params", params);
        request.put("metadata", Map.of());
        return request;
    }

    private static Map<String, Object> input(String text) {
        return Map.of("content", List.of(Map.of("type", "input_text", "text", text)), "attachments", List.of(),
                "inference_options", Map.of());
    }

    private static List<String> types(List<JsonNode> nodes) {
        return nodes.stream().map(node -> node.path("type").asText()).toList();
    }

    private static List<String> types(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path("type").asText()).toList();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path("id").asText()).toList();
    }
}
