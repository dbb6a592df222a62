package dev.agenticchat.chat.attachment;

import static dev.agenticchat.chat.fixtures.Attachments.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.Attachments;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.chat.fixtures.FakeExtractions;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Attachments on messages: linked in the message's transaction, shown on every view of it, carried
 * by {@code MessagePosted}, usable by their uploader alone, and gone with the thread or an erasure
 * (moved by a link).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageAttachmentsIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();
    private final FakeExtractions retrieval = FakeExtractions.start(ServiceCredentials.LOCAL_DEFAULT);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DataSource dataSource;

    @Inject
    AttachmentSweeper sweeper;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "micronaut.http.services.retrieval-extractions.url", retrieval.url(),
                "chat.attachments.sweep-interval", "1h");
    }

    @AfterAll
    void stop() {
        jwks.close();
        retrieval.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_message_links_its_attachments_in_order_shows_them_and_announces_them() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        Map<String, Object> image = alice.exchange(upload("chart.png", "image/png", Attachments.png())).body();
        Map<String, Object> document = alice.exchange(upload("report.txt", "text/plain", Attachments.text("Sales rose 4%."))).body();
        String clientMessageId = UUID.randomUUID().toString();

        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            HttpResponse<Map<String, Object>> posted = alice.exchange(post(null, "What do these say?", clientMessageId,
                    List.of(document.get("id"), image.get("id"))));

            assertThat(posted.getStatus().getCode()).isEqualTo(201);
            Map<String, Object> message = (Map<String, Object>) posted.body().get("message");
            String threadId = (String) message.get("thread_id");
            List<Map<String, Object>> expected = List.of(
                    Map.of("id", document.get("id"), "name", "report.txt", "content_type", "text/plain", "kind", "document",
                            "size_bytes", 14),
                    Map.of("id", image.get("id"), "name", "chart.png", "content_type", "image/png", "kind", "image",
                            "size_bytes", 64));
            assertThat(message.get("attachments")).isEqualTo(expected);
            assertThat(alice.history(threadId)).containsExactly(message);
            assertThat(alice.exchange(HttpRequest.GET("/api/attachments/" + image.get("id"))).body())
                    .containsEntry("thread_id", threadId).containsEntry("message_id", message.get("id"));

            await().atMost(WAIT).until(() -> !reader.forThread(threadId).isEmpty());
            MessagePosted event = json.readValue(reader.forThread(threadId).get(0).value(), MessagePosted.class);
            assertThat(event.attachedFiles()).containsExactly(
                    new MessagePosted.Attachment((String) document.get("id"), "report.txt", "text/plain", "document", 14),
                    new MessagePosted.Attachment((String) image.get("id"), "chart.png", "image/png", "image", 64));

            // A resend answers the stored message, attachments and all, and links nothing again.
            HttpResponse<Map<String, Object>> resent = alice.exchange(post(null, "What do these say?", clientMessageId, List.of()));
            assertThat(resent.getStatus().getCode()).isEqualTo(200);
            assertThat(resent.body()).containsEntry("duplicate", true).containsEntry("message", message);

            // Another message in the thread without attachments shows an empty list.
            Map<String, Object> plain = alice.postedMessage(threadId, "Thanks");
            assertThat(plain.get("attachments")).isEqualTo(List.of());

            String json = http.toBlocking().retrieve(HttpRequest.GET("/api/threads/" + threadId + "/export")
                    .bearerAuth(jwks.token(tenant, user)));
            assertThat(json).contains("\"attachments\":[{\"id\":\"" + document.get("id") + "\",\"name\":\"report.txt\"");
            String csv = http.toBlocking().retrieve(HttpRequest.GET("/api/threads/" + threadId + "/export?format=csv")
                    .bearerAuth(jwks.token(tenant, user)));
            assertThat(csv).startsWith("message_id,created_at,role,content,citations,artifacts,attachments\r\n")
                    .contains("\"report.txt\nchart.png\"");
            String md = http.toBlocking().retrieve(HttpRequest.GET("/api/threads/" + threadId + "/export?format=md")
                    .bearerAuth(jwks.token(tenant, user)));
            assertThat(md).contains("**Attachments**").contains("- report\\.txt (text/plain, 14 bytes)");
            String html = http.toBlocking().retrieve(HttpRequest.GET("/api/threads/" + threadId + "/export?format=html")
                    .bearerAuth(jwks.token(tenant, user)));
            assertThat(html).contains("<h3>Attachments</h3><ul><li>report.txt (text/plain, 14 bytes)</li>");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void nobody_attaches_an_attachment_that_is_not_theirs_or_is_taken_and_nothing_is_stored() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        Object mine = alice.exchange(upload("mine.png", "image/png", Attachments.png())).body().get("id");
        Object spare = alice.exchange(upload("spare.png", "image/png", Attachments.png())).body().get("id");
        List<ChatApi> attackers = List.of(
                new ChatApi(http, jwks.token(tenant, "neighbour-" + UUID.randomUUID(), Role.PERSON)),
                new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), user)),
                new ChatApi(http, jwks.token(tenant, "visitor-" + UUID.randomUUID())));
        for (ChatApi attacker : attackers) {
            Map<String, Object> problem = attacker.problem(post(null, "Let me see", UUID.randomUUID().toString(), List.of(mine)));
            assertThat(problem).containsEntry("status", 422);
            assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("field"))
                    .containsExactly("attachment_ids[0]");
            assertThat(attacker.allThreads()).isEmpty();
        }
        HttpClientResponseException anonymous = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> http.toBlocking().exchange(post(null, "x", UUID.randomUUID().toString(), List.of(mine))),
                HttpClientResponseException.class);
        assertThat(anonymous.getStatus().getCode()).isEqualTo(401);
        // Untouched by every attempt: still free for its owner.
        assertThat(alice.exchange(HttpRequest.GET("/api/attachments/" + mine)).body()).containsEntry("message_id", null);
        assertThat(alice.exchange(post(null, "Mine", UUID.randomUUID().toString(), List.of(mine, spare))).getStatus().getCode())
                .isEqualTo(201);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_attachment_is_on_one_message_only_and_ids_must_be_unique_known_and_few() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        Object first = alice.exchange(upload("a.png", "image/png", Attachments.png())).body().get("id");
        Object second = alice.exchange(upload("b.png", "image/png", Attachments.png())).body().get("id");
        Map<String, Object> thread = alice.createThread("Pictures");
        alice.exchange(post(thread.get("id"), "First", UUID.randomUUID().toString(), List.of(first)));

        assertThat(field(alice.problem(post(thread.get("id"), "Again", UUID.randomUUID().toString(), List.of(second, first)))))
                .isEqualTo("attachment_ids[1]");
        assertThat(field(alice.problem(post(thread.get("id"), "Twice", UUID.randomUUID().toString(), List.of(second, second)))))
                .isEqualTo("attachment_ids[1]");
        assertThat(field(alice.problem(post(thread.get("id"), "Unknown", UUID.randomUUID().toString(),
                List.of(second, UUID.randomUUID(), "not-a-uuid"))))).isEqualTo("attachment_ids[1]");
        List<Object> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(UUID.randomUUID());
        }
        Map<String, Object> tooMany = alice.problem(post(thread.get("id"), "Many", UUID.randomUUID().toString(), eleven));
        assertThat(tooMany).containsEntry("status", 400);
        assertThat(field(tooMany)).isEqualTo("attachment_ids");
        // None of the refused messages was stored, and the spare attachment is still free.
        assertThat(alice.history(thread.get("id"))).hasSize(1);
        assertThat(alice.exchange(HttpRequest.GET("/api/attachments/" + second)).body()).containsEntry("message_id", null);
        assertThat(alice.exchange(post(thread.get("id"), "Now", UUID.randomUUID().toString(), List.of(second))).getStatus().getCode())
                .isEqualTo(201);
    }

    @Test
    void deleting_a_thread_deletes_its_attachments_and_their_blobs() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, "user-" + UUID.randomUUID()));
        Object attached = alice.exchange(upload("a.png", "image/png", Attachments.png())).body().get("id");
        Object pending = alice.exchange(upload("b.png", "image/png", Attachments.png())).body().get("id");
        Map<String, Object> thread = alice.createThread("Doomed");
        alice.exchange(post(thread.get("id"), "See this", UUID.randomUUID().toString(), List.of(attached)));
        String blob = blobKey(attached);

        assertThat(alice.status(HttpRequest.DELETE("/api/threads/" + thread.get("id")))).isEqualTo(204);
        sweeper.sweep(Instant.now());

        assertThat(alice.status(HttpRequest.GET("/api/attachments/" + attached))).isEqualTo(404);
        assertThat(blobExists(blob)).isFalse();
        assertThat(alice.status(HttpRequest.GET("/api/attachments/" + pending + "/content"))).isEqualTo(200);
    }

    @Test
    void an_erasure_deletes_the_persons_attachments_and_blobs_and_a_link_moves_a_sessions_to_the_person() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String person = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        String bystander = UUID.randomUUID().toString();
        ChatApi anonymous = new ChatApi(http, jwks.token(tenant, session));
        ChatApi linked = new ChatApi(http, jwks.token(tenant, person, Role.PERSON));
        Object sessionFile = anonymous.exchange(upload("phone.png", "image/png", Attachments.png())).body().get("id");
        Object sessionThread = ((Map<?, ?>) anonymous.exchange(post(null, "from the phone", UUID.randomUUID().toString(),
                List.of(anonymous.exchange(upload("sent.png", "image/png", Attachments.png())).body().get("id"))))
                .body().get("thread")).get("id");

        send(new UserLinked(tenant, session, person, Instant.now()), tenant, person);
        await().atMost(WAIT).until(() -> linked.status(HttpRequest.GET("/api/attachments/" + sessionFile)) == 200);
        assertThat(attachmentsOf(tenant, session)).isZero();
        assertThat(attachmentsOf(tenant, person)).isEqualTo(2);
        assertThat(linked.history(sessionThread).get(0).get("attachments")).asList().hasSize(1);
        // The person may now send the session's upload with a message of theirs.
        assertThat(linked.exchange(post(null, "from the laptop", UUID.randomUUID().toString(), List.of(sessionFile)))
                .getStatus().getCode()).isEqualTo(201);

        Object pending = linked.exchange(upload("pending.png", "image/png", Attachments.png())).body().get("id");
        ChatApi other = new ChatApi(http, jwks.token(tenant, bystander));
        Object kept = other.exchange(upload("mine.png", "image/png", Attachments.png())).body().get("id");
        List<String> blobs = List.of(blobKey(sessionFile), blobKey(pending));
        send(new ErasureRequested(UUID.randomUUID().toString(), tenant, List.of(person, session), "0".repeat(64), Instant.now()),
                tenant, person);
        await().atMost(WAIT).until(() -> attachmentsOf(tenant, person) == 0);
        sweeper.sweep(Instant.now());

        assertThat(attachmentsOf(tenant, session)).isZero();
        for (String blob : blobs) {
            assertThat(blobExists(blob)).isFalse();
        }
        assertThat(other.status(HttpRequest.GET("/api/attachments/" + kept + "/content"))).isEqualTo(200);
    }

    private static String field(Map<String, Object> problem) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        return (String) errors.get(0).get("field");
    }

    private static MutableHttpRequest<Map<String, Object>> post(Object threadId, String content, String clientMessageId,
                                                                List<Object> attachmentIds) {
        MutableHttpRequest<Map<String, Object>> request = ChatApi.postRequest(threadId, content, clientMessageId);
        request.getBody().orElseThrow().put("attachment_ids", attachmentIds.stream().map(String::valueOf).toList());
        return request;
    }

    private void send(DomainEvent event, String tenant, String user) throws Exception {
        TestKafka.send(Topics.IDENTITY_EVENTS, user, json.writeValueAsBytes(event), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, event.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, user,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, user));
    }

    private Connection connection() throws Exception {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private int attachmentsOf(String tenant, String user) throws Exception {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM chat.attachments WHERE tenant_id = ? AND user_id = ?")) {
            statement.setString(1, tenant);
            statement.setString(2, user);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private String blobKey(Object attachmentId) throws Exception {
        try (Connection connection = connection();
             PreparedStatement statement = connection.prepareStatement("SELECT blob_key FROM chat.attachments WHERE id = ?::uuid")) {
            statement.setString(1, attachmentId.toString());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private boolean blobExists(String key) throws Exception {
        try (Connection connection = connection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM chat.attachment_blobs WHERE blob_key = ?")) {
            statement.setString(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }
}
