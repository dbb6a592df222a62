package dev.agenticchat.chat.attachment;

import static dev.agenticchat.chat.fixtures.Attachments.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.chat.fixtures.Attachments;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.chat.fixtures.FakeExtractions;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /api/attachments} on the default (Postgres) blob store, with retrieval-service's
 * extraction played by a real HTTP stand-in. Limits are small here: 64 KB a file, 16 KB an
 * image, 3 pending per user, 50 characters of text.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentsIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final FakeExtractions retrieval = FakeExtractions.start(ServiceCredentials.LOCAL_DEFAULT);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Inject
    AttachmentSweeper sweeper;

    @Inject
    io.micronaut.context.ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "micronaut.http.services.retrieval-extractions.url", retrieval.url(),
                "chat.attachments.max-bytes", "64KB",
                "chat.attachments.max-image-bytes", "16KB",
                "chat.attachments.max-pending-per-user", "3",
                "chat.attachments.max-text-chars", "50",
                "chat.attachments.sweep-interval", "1h");
    }

    @AfterAll
    void stop() {
        jwks.close();
        retrieval.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_document_is_extracted_once_at_upload_and_served_with_its_text_and_bytes() {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        int before = retrieval.requests().size();

        HttpResponse<Map<String, Object>> created = alice.exchange(upload("notes.txt", "application/pdf",
                Attachments.text("The spare key is under the blue flowerpot.")));

        assertThat(created.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> attachment = created.body();
        Object id = attachment.get("id");
        assertThat(created.getHeaders().get("Location")).isEqualTo("/api/attachments/" + id);
        assertThat(attachment).containsEntry("name", "notes.txt").containsEntry("content_type", "text/plain")
                .containsEntry("kind", "document").containsEntry("size_bytes", 42)
                .containsEntry("thread_id", null).containsEntry("message_id", null);
        assertThat(Instant.parse((String) attachment.get("created_at"))).isBeforeOrEqualTo(Instant.now());
        assertThat(retrieval.requests()).hasSize(before + 1);
        assertThat(retrieval.requests().get(before)).containsEntry("token", ServiceCredentials.LOCAL_DEFAULT)
                .containsEntry("tenant", tenant).containsEntry("user", user).containsEntry("file_name", "notes.txt");

        assertThat(alice.exchange(HttpRequest.GET("/api/attachments/" + id)).body()).isEqualTo(attachment);
        assertThat(alice.exchange(HttpRequest.GET("/api/attachments/" + id + "/text")).body())
                .isEqualTo(Map.of("text", "The spare key is under the blue flowerpot.", "truncated", false));
        HttpResponse<byte[]> content = http.toBlocking().exchange(HttpRequest.GET("/api/attachments/" + id + "/content")
                .bearerAuth(jwks.token(tenant, user)), byte[].class);
        assertThat(new String(content.body(), StandardCharsets.UTF_8)).isEqualTo("The spare key is under the blue flowerpot.");
        assertThat(content.getHeaders().get("Content-Type")).startsWith("text/plain");
        assertThat(content.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''notes.txt");
        assertThat(content.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(content.getHeaders().get("Content-Security-Policy")).isEqualTo("sandbox");
        // Reading it again never extracts again.
        alice.exchange(HttpRequest.GET("/api/attachments/" + id + "/text"));
        assertThat(retrieval.requests()).hasSize(before + 1);
    }

    @Test
    void each_image_format_is_told_by_its_bytes_and_never_sent_to_retrieval() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
        ChatApi alice = new ChatApi(http, token);
        int before = retrieval.requests().size();
        Map<String, byte[]> images = Map.of("image/png", Attachments.png(), "image/jpeg", Attachments.jpeg(),
                "image/gif", Attachments.gif());
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            Map<String, Object> created = alice.exchange(upload("picture.pdf", "application/pdf", image.getValue())).body();
            assertThat(created).containsEntry("content_type", image.getKey()).containsEntry("kind", "image")
                    .containsEntry("size_bytes", 64);
            assertThat(alice.problem(HttpRequest.GET("/api/attachments/" + created.get("id") + "/text")))
                    .containsEntry("status", 409);
            alice.exchange(HttpRequest.DELETE("/api/attachments/" + created.get("id")));
        }
        Map<String, Object> webp = alice.exchange(upload("Ünïcode name.webp", "image/webp", Attachments.webp())).body();
        assertThat(webp).containsEntry("content_type", "image/webp").containsEntry("name", "Ünïcode name.webp");
        HttpResponse<byte[]> content = http.toBlocking().exchange(HttpRequest.GET("/api/attachments/" + webp.get("id") + "/content")
                .bearerAuth(token), byte[].class);
        assertThat(content.body()).isEqualTo(Attachments.webp());
        assertThat(content.getHeaders().get("Content-Type")).isEqualTo("image/webp");
        assertThat(content.getHeaders().get("Content-Disposition")).isEqualTo("inline; filename*=UTF-8''%C3%9Cn%C3%AFcode%20name.webp");
        assertThat(retrieval.requests()).hasSize(before);
    }

    @Test
    void refuses_a_file_no_one_can_read_and_stores_nothing() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));

        Map<String, Object> unsupported = alice.problem(upload("program.exe", "application/pdf", Attachments.binary()));
        assertThat(unsupported).containsEntry("status", 415);
        assertThat((String) unsupported.get("detail")).contains("pdf, docx").contains("png, jpeg, gif, webp");
        Map<String, Object> unreadable = alice.problem(upload("broken.pdf", "application/pdf",
                Attachments.text(FakeExtractions.UNREADABLE + " rest")));
        assertThat(unreadable).containsEntry("status", 422).containsEntry("detail", FakeExtractions.UNREADABLE_MESSAGE);
        assertThat(alice.problem(upload("empty.txt", "text/plain", new byte[0]))).containsEntry("status", 400);
        retrieval.failing(true);
        try {
            Map<String, Object> unavailable = alice.problem(upload("notes.txt", "text/plain", Attachments.text("hello")));
            assertThat(unavailable).containsEntry("status", 503);
        } finally {
            retrieval.failing(false);
        }
        assertThat(rows(tenant, user)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_limit_has_its_own_clear_refusal() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));

        byte[] justOver = new byte[64 * 1024 + 1];
        Arrays.fill(justOver, (byte) 'a');
        Map<String, Object> tooLarge = alice.problem(upload("big.txt", "text/plain", justOver));
        assertThat(tooLarge).containsEntry("status", 413);
        assertThat((String) tooLarge.get("detail")).contains("64 KB");
        assertThat((List<Map<String, Object>>) tooLarge.get("errors")).extracting(e -> e.get("field")).containsExactly("file");

        byte[] bigImage = Arrays.copyOf(Attachments.png(), 16 * 1024 + 1);
        Map<String, Object> imageTooLarge = alice.problem(upload("big.png", "image/png", bigImage));
        assertThat(imageTooLarge).containsEntry("status", 413);
        assertThat((String) imageTooLarge.get("detail")).contains("16 KB");

        byte[] longText = Attachments.text("x".repeat(80));
        Map<String, Object> cut = alice.exchange(upload("long.txt", "text/plain", longText)).body();
        assertThat(alice.exchange(HttpRequest.GET("/api/attachments/" + cut.get("id") + "/text")).body())
                .isEqualTo(Map.of("text", "x".repeat(50), "truncated", true));
        assertThat(cut).containsEntry("size_bytes", 80);
        alice.exchange(upload("a.png", "image/png", Attachments.png()));
        alice.exchange(upload("b.png", "image/png", Attachments.png()));
        Map<String, Object> tooMany = alice.problem(upload("c.png", "image/png", Attachments.png()));
        assertThat(tooMany).containsEntry("status", 429);
        assertThat((String) tooMany.get("detail")).contains("(3)");
        assertThat(rows(tenant, user)).isEqualTo(3);

        // Far over the request limit: a clean 413 problem, not a reset connection.
        HttpURLConnection connection = (HttpURLConnection) URI.create(serverUrl() + "/api/attachments").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Authorization", "Bearer " + jwks.token(tenant, user));
        connection.setRequestProperty("Content-Type", "multipart/form-data; boundary=xyz");
        byte[] huge = new byte[512 * 1024];
        connection.setFixedLengthStreamingMode(huge.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(huge);
        } catch (java.io.IOException ignored) {
            // The server may answer before it has read everything; the answer is what counts.
        }
        assertThat(connection.getResponseCode()).isEqualTo(413);
        assertThat(connection.getContentType()).startsWith("application/problem+json");
        assertThat(new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("64 KB");
    }

    @Test
    void only_the_uploader_or_a_service_on_their_behalf_sees_an_attachment() {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        Object id = alice.exchange(upload("notes.txt", "text/plain", Attachments.text("private notes"))).body().get("id");
        List<ChatApi> others = List.of(
                new ChatApi(http, jwks.token(tenant, "neighbour-" + UUID.randomUUID(), Role.PERSON)),
                new ChatApi(http, jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN)),
                new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), user)),
                new ChatApi(http, jwks.token(tenant, "visitor-" + UUID.randomUUID())));
        List<Supplier<MutableHttpRequest<?>>> requests = List.of(() -> HttpRequest.GET("/api/attachments/" + id),
                () -> HttpRequest.GET("/api/attachments/" + id + "/content"), () -> HttpRequest.GET("/api/attachments/" + id + "/text"),
                () -> HttpRequest.DELETE("/api/attachments/" + id));
        for (ChatApi other : others) {
            for (Supplier<MutableHttpRequest<?>> request : requests) {
                assertThat(other.status(request.get())).as(request.get().getMethodName() + " " + request.get().getPath()).isEqualTo(404);
            }
        }
        for (Supplier<MutableHttpRequest<?>> request : requests) {
            assertThat(statusWithoutToken(request.get())).as(request.get().getPath()).isEqualTo(401);
        }
        assertThat(statusWithoutToken(upload("x.txt", "text/plain", Attachments.text("x")))).isEqualTo(401);
        assertThat(statusAsService(HttpRequest.GET("/api/attachments/" + id), tenant, user)).isEqualTo(200);
        assertThat(statusAsService(HttpRequest.GET("/api/attachments/" + id + "/text"), tenant, user)).isEqualTo(200);
        assertThat(statusAsService(HttpRequest.GET("/api/attachments/" + id), tenant, "someone-else")).isEqualTo(404);
        assertThat(statusAsService(HttpRequest.GET("/api/attachments/" + id), "another-tenant", user)).isEqualTo(404);
        // The person the session was linked to moments ago, before its data has moved.
        ChatApi person = new ChatApi(http, jwks.linkedPersonToken(tenant, "person-" + UUID.randomUUID(), List.of(user)));
        assertThat(person.status(HttpRequest.GET("/api/attachments/" + id))).isEqualTo(200);
        assertThat(alice.status(HttpRequest.GET("/api/attachments/" + id))).isEqualTo(200);
    }

    @Test
    void a_deleted_attachment_and_an_expired_upload_lose_their_blobs_after_commit() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        Object deleted = alice.exchange(upload("a.png", "image/png", Attachments.png())).body().get("id");
        Object expired = alice.exchange(upload("b.png", "image/png", Attachments.png())).body().get("id");
        Object kept = alice.exchange(upload("c.png", "image/png", Attachments.png())).body().get("id");
        String deletedBlob = blobKey(deleted);
        String expiredBlob = blobKey(expired);
        String keptBlob = blobKey(kept);

        assertThat(alice.status(HttpRequest.DELETE("/api/attachments/" + deleted))).isEqualTo(204);
        assertThat(alice.status(HttpRequest.GET("/api/attachments/" + deleted))).isEqualTo(404);
        assertThat(blobExists(deletedBlob)).isTrue();
        execute("UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = '" + expired + "'");

        sweeper.sweep(Instant.now());

        assertThat(blobExists(deletedBlob)).isFalse();
        assertThat(blobExists(expiredBlob)).isFalse();
        assertThat(alice.status(HttpRequest.GET("/api/attachments/" + expired))).isEqualTo(404);
        assertThat(blobExists(keptBlob)).isTrue();
        assertThat(alice.status(HttpRequest.GET("/api/attachments/" + kept + "/content"))).isEqualTo(200);
    }

    @Test
    void a_blob_whose_upload_never_committed_is_deleted_once_due() throws Exception {
        BlobStore store = context.getBean(BlobStore.class);
        String orphan = UUID.randomUUID().toString();
        store.put(orphan, Attachments.png(), "image/png");
        execute("INSERT INTO attachment_blob_deletions (blob_key, due_at) VALUES ('" + orphan + "', now() + interval '1 hour')");

        sweeper.sweep(Instant.now());
        assertThat(blobExists(orphan)).isTrue();
        sweeper.sweep(Instant.now().plusSeconds(2 * 3600));
        assertThat(blobExists(orphan)).isFalse();
    }

    private String serverUrl() {
        return context.getBean(io.micronaut.runtime.server.EmbeddedServer.class).getURL().toString();
    }

    private int statusWithoutToken(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private int statusAsService(MutableHttpRequest<?> request, String tenant, String user) {
        return statusWithoutToken(request.header(ServiceCredentials.TOKEN_HEADER, ServiceCredentials.LOCAL_DEFAULT)
                .header(ServiceCredentials.TENANT_HEADER, tenant).header(ServiceCredentials.USER_HEADER, user));
    }

    private int rows(String tenant, String user) throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(
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
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT blob_key FROM chat.attachments WHERE id = ?::uuid")) {
            statement.setString(1, attachmentId.toString());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private boolean blobExists(String key) throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM chat.attachment_blobs WHERE blob_key = ?")) {
            statement.setString(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
