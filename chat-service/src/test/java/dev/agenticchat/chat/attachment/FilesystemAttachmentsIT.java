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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code chat.attachments.store = file:///…}: the bytes in files, served and deleted like the default store's. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesystemAttachmentsIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final FakeExtractions retrieval = FakeExtractions.start(ServiceCredentials.LOCAL_DEFAULT);
    private final Path root = temporaryDirectory();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AttachmentSweeper sweeper;

    @Inject
    BlobStore store;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "micronaut.http.services.retrieval-extractions.url", retrieval.url(),
                "chat.attachments.store", root.toUri().toString(),
                "chat.attachments.sweep-interval", "1h");
    }

    @AfterAll
    void stop() {
        jwks.close();
        retrieval.close();
    }

    @Test
    void stores_serves_and_deletes_the_bytes_as_files() throws Exception {
        assertThat(store).isInstanceOf(FilesystemBlobStore.class);
        String token = jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
        ChatApi alice = new ChatApi(http, token);
        Object id = alice.exchange(upload("notes.txt", "text/plain", Attachments.text("Kept on disk."))).body().get("id");
        assertThat(files()).hasSize(1);
        assertThat(Files.readString(files()[0], StandardCharsets.UTF_8)).isEqualTo("Kept on disk.");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/attachments/" + id + "/content").bearerAuth(token)))
                .isEqualTo("Kept on disk.");

        alice.exchange(HttpRequest.DELETE("/api/attachments/" + id));
        assertThat(files()).as("deleted after commit, by the sweeper").hasSize(1);
        sweeper.sweep(Instant.now());
        assertThat(files()).isEmpty();
    }

    private Path[] files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toArray(Path[]::new);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("attachments-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
