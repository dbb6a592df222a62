package dev.agenticchat.chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The S3 store against a real S3-speaking HTTP server that checks every request's signature. */
class S3BlobStoreTest {
    private final FakeS3 s3 = start();

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void puts_gets_and_deletes_objects_path_style_under_the_prefix_with_signed_requests() throws Exception {
        S3BlobStore store = S3BlobStore.of(url("attachments-bucket/chat/blobs"), FakeS3.ACCESS_KEY, FakeS3.SECRET_KEY);
        String key = UUID.randomUUID().toString();

        store.put(key, "bytes of a PDF".getBytes(StandardCharsets.UTF_8), "application/pdf");

        assertThat(s3.objects()).containsOnlyKeys("/attachments-bucket/chat/blobs/" + key);
        try (InputStream in = store.open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bytes of a PDF");
        }
        store.delete(key);
        assertThat(s3.objects()).isEmpty();
        assertThat(store.open(key)).isEmpty();
        store.delete(key);
        assertThat(s3.authorizations()).isNotEmpty().allSatisfy(authorization -> assertThat(authorization)
                .startsWith("AWS4-HMAC-SHA256 Credential=" + FakeS3.ACCESS_KEY + "/")
                .contains("/" + FakeS3.REGION + "/s3/aws4_request, SignedHeaders=")
                .contains("host;").contains("x-amz-content-sha256;x-amz-date"));
    }

    @Test
    void a_wrong_secret_is_refused_by_the_store_and_reported_as_a_failure() {
        S3BlobStore store = S3BlobStore.of(url("bucket"), FakeS3.ACCESS_KEY, "not-the-secret");
        assertThatThrownBy(() -> store.put("some-key-123", new byte[] {1, 2, 3}, "image/png"))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 403");
        assertThat(s3.objects()).isEmpty();
    }

    @Test
    void refuses_a_configuration_without_keys_or_bucket() {
        assertThatThrownBy(() -> S3BlobStore.of(url("bucket"), null, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHAT_ATTACHMENTS_S3_ACCESS_KEY_ID");
        assertThatThrownBy(() -> S3BlobStore.of(URI.create("s3:///prefix"), "a", "b")).isInstanceOf(IllegalStateException.class);
    }

    private URI url(String bucketAndPrefix) {
        return URI.create("s3://" + bucketAndPrefix + "?endpoint=" + s3.endpoint() + "&region=" + FakeS3.REGION);
    }

    private static FakeS3 start() {
        try {
            return new FakeS3();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
