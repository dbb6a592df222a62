package dev.agenticchat.chat.attachment;

import static dev.agenticchat.chat.fixtures.Attachments.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.chat.fixtures.Attachments;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.chat.fixtures.FakeExtractions;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code chat.attachments.store = s3://…}: the bytes as objects of an S3-speaking server that checks every signature. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3AttachmentsIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final FakeExtractions retrieval = FakeExtractions.start(ServiceCredentials.LOCAL_DEFAULT);
    private final FakeS3 s3 = start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AttachmentSweeper sweeper;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "micronaut.http.services.retrieval-extractions.url", retrieval.url(),
                "chat.attachments.store", "s3://chat-attachments/blobs?endpoint=" + s3.endpoint() + "&region=" + FakeS3.REGION,
                "chat.attachments.s3-access-key-id", FakeS3.ACCESS_KEY,
                "chat.attachments.s3-secret-access-key", FakeS3.SECRET_KEY,
                "chat.attachments.sweep-interval", "1h");
    }

    @AfterAll
    void stop() {
        jwks.close();
        retrieval.close();
        s3.close();
    }

    @Test
    void stores_serves_and_deletes_the_bytes_as_objects() {
        String token = jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
        ChatApi alice = new ChatApi(http, token);
        Object id = alice.exchange(upload("notes.txt", "text/plain", Attachments.text("Kept in a bucket."))).body().get("id");
        assertThat(s3.objects()).hasSize(1);
        String object = s3.objects().keySet().iterator().next();
        assertThat(object).startsWith("/chat-attachments/blobs/");
        assertThat(new String(s3.objects().get(object), StandardCharsets.UTF_8)).isEqualTo("Kept in a bucket.");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/attachments/" + id + "/content").bearerAuth(token)))
                .isEqualTo("Kept in a bucket.");

        alice.exchange(HttpRequest.DELETE("/api/attachments/" + id));
        sweeper.sweep(Instant.now());
        assertThat(s3.objects()).isEmpty();
    }

    private static FakeS3 start() {
        try {
            return new FakeS3();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
