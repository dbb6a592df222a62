package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attachments through the running suite: files uploaded over HTTP, sent with a message over the
 * WebSocket and over HTTP, shown on the stored message, read by the model (the simulator records
 * what it was sent: the document's extracted text and the image as an image part), private to
 * their owner and deleted with their thread.
 */
class AttachmentsE2EIT {
    private static final Duration TURN = Duration.ofSeconds(60);
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void a_document_and_an_image_sent_on_the_websocket_reach_the_model_and_stay_on_the_message() {
        Api.Session session = api.anonymousSession();
        String token = session.accessToken();
        String fact = "The lighthouse keeper's cat is called " + UUID.randomUUID() + ".";
        JsonNode document = uploaded(token, "keeper-notes.md", ("# Notes\n\n" + fact).getBytes(StandardCharsets.UTF_8));
        assertThat(document.path("kind").asText()).isEqualTo("document");
        assertThat(document.path("content_type").asText()).startsWith("text/markdown");
        JsonNode image = uploaded(token, "lighthouse.png", PNG);
        assertThat(image.path("kind").asText()).isEqualTo("image");
        assertThat(image.path("content_type").asText()).isEqualTo("image/png");
        String question = "What is the cat called, and what is in the picture? " + UUID.randomUUID();

        String threadId;
        try (WsClient ws = WsClient.authenticated(suite, token)) {
            String clientMessageId = UUID.randomUUID().toString();
            ws.send(Map.of("type", "user_message", "client_message_id", clientMessageId, "content", question,
                    "attachment_ids", List.of(document.path("id").asText(), image.path("id").asText())));
            JsonNode ack = ws.await(f -> f.path("type").asText().equals("user_message")
                    && f.path("client_message_id").asText().equals(clientMessageId), TURN);
            assertThat(names(ack.path("attachments"))).containsExactly("keeper-notes.md", "lighthouse.png");
            threadId = ack.path("thread_id").asText();
            ws.awaitType("turn_completed", TURN);
        }

        JsonNode request = requestWith(question);
        JsonNode user = lastUserMessage(request);
        assertThat(textOf(user)).startsWith(question).contains("<attachment name=\"keeper-notes.md\"").contains(fact);
        assertThat(imageUrls(user)).containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));

        String finalThread = threadId;
        await("the stored message with its attachments").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode items = api.get("/api/threads/" + finalThread + "/messages", token).body().path("items");
            assertThat(items).hasSize(2);
            assertThat(names(items.get(0).path("attachments"))).containsExactly("keeper-notes.md", "lighthouse.png");
        });
        Api.Response bytes = api.exchange("GET", "/api/attachments/" + image.path("id").asText() + "/content",
                Map.of("Authorization", "Bearer " + token), null, null);
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.contentType()).startsWith("image/png");
    }

    @Test
    void a_message_posted_over_http_carries_its_attachment_and_the_thread_takes_it_when_deleted() {
        Api.Session session = api.anonymousSession();
        String token = session.accessToken();
        String fact = "Invoice 7731 is due on the third of March " + UUID.randomUUID() + ".";
        JsonNode document = uploaded(token, "invoice.txt", fact.getBytes(StandardCharsets.UTF_8));
        Api.Response thread = api.post("/api/threads", token, Map.of("title", "Invoices"));
        String threadId = thread.body().path("id").asText();
        String question = "When is the invoice due? " + UUID.randomUUID();

        Api.Response posted = api.post("/api/threads/" + threadId + "/messages", token, Map.of("content", question,
                "client_message_id", UUID.randomUUID().toString(), "attachment_ids", List.of(document.path("id").asText())));
        assertThat(posted.status()).as(posted.toString()).isIn(200, 201, 202);
        assertThat(names(posted.body().path("message").path("attachments"))).containsExactly("invoice.txt");

        await("the model read the invoice").atMost(TURN).untilAsserted(() ->
                assertThat(textOf(lastUserMessage(requestWith(question)))).contains(fact));
        String attachment = "/api/attachments/" + document.path("id").asText();
        assertThat(api.get(attachment, token).status()).isEqualTo(200);
        assertThat(api.get(attachment, api.anonymousSession().accessToken()).status()).isEqualTo(404);

        assertThat(api.exchange("DELETE", "/api/threads/" + threadId, Map.of("Authorization", "Bearer " + token), null, null)
                .status()).isEqualTo(204);
        assertThat(api.get(attachment, token).status()).isEqualTo(404);
    }

    @Test
    void another_users_attachment_cannot_ride_on_a_message() {
        String owner = api.anonymousSession().accessToken();
        JsonNode document = uploaded(owner, "private.txt", "only mine".getBytes(StandardCharsets.UTF_8));
        String intruder = api.anonymousSession().accessToken();
        try (WsClient ws = WsClient.authenticated(suite, intruder)) {
            String clientMessageId = UUID.randomUUID().toString();
            ws.send(Map.of("type", "user_message", "client_message_id", clientMessageId, "content", "read this",
                    "attachment_ids", List.of(document.path("id").asText())));
            JsonNode error = ws.await(f -> f.path("client_message_id").asText().equals(clientMessageId), TURN);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("field").asText()).startsWith("attachment_ids");
        }
    }

    static JsonNode uploaded(String token, String name, byte[] bytes) {
        Api.Response upload = api.upload("/api/attachments", token, name, bytes);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        assertThat(upload.body().path("name").asText()).isEqualTo(name);
        assertThat(upload.body().path("size_bytes").asLong()).isEqualTo(bytes.length);
        return upload.body();
    }

    private static List<String> names(JsonNode attachments) {
        List<String> names = new ArrayList<>();
        attachments.forEach(a -> names.add(a.path("name").asText()));
        return names;
    }

    static JsonNode requestWith(String marker) {
        return suite.simulator().requests().stream().filter(r -> r.toString().contains(marker)).findFirst().orElseThrow();
    }

    static JsonNode lastUserMessage(JsonNode request) {
        JsonNode last = null;
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                last = message;
            }
        }
        return last;
    }

    static String textOf(JsonNode message) {
        if (message.path("content").isTextual()) {
            return message.path("content").asText();
        }
        StringBuilder text = new StringBuilder();
        message.path("content").forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }

    static List<String> imageUrls(JsonNode message) {
        List<String> urls = new ArrayList<>();
        message.path("content").forEach(part -> {
            if (part.path("type").asText().equals("image_url")) {
                urls.add(part.path("image_url").path("url").asText());
            }
        });
        return urls;
    }
}
