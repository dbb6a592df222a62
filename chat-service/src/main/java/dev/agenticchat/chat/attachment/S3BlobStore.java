package dev.agenticchat.chat.attachment;

import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code s3://bucket/prefix?endpoint=http://host:9000&region=us-east-1}: blobs as objects of an
 * S3-compatible store, addressed path-style ({@code endpoint/bucket/prefix/key}, which MinIO and
 * most compatible stores need), each request signed with {@link SigV4Signer} over
 * {@code java.net.http}. No endpoint: AWS's regional one. The keys come from
 * {@code CHAT_ATTACHMENTS_S3_ACCESS_KEY_ID} / {@code CHAT_ATTACHMENTS_S3_SECRET_ACCESS_KEY}.
 */
final class S3BlobStore implements BlobStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String bucket;
    private final String prefix;
    private final SigV4Signer signer;

    S3BlobStore(URI endpoint, String bucket, String prefix, SigV4Signer signer) {
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.bucket = bucket;
        this.prefix = prefix;
        this.signer = signer;
    }

    static S3BlobStore of(URI url, @Nullable String accessKeyId, @Nullable String secretAccessKey) {
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalStateException("chat.attachments.store s3://<bucket>/<prefix> names no bucket");
        }
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalStateException("an s3:// attachment store needs CHAT_ATTACHMENTS_S3_ACCESS_KEY_ID and "
                    + "CHAT_ATTACHMENTS_S3_SECRET_ACCESS_KEY");
        }
        Map<String, String> query = query(url.getRawQuery());
        String region = query.getOrDefault("region", "us-east-1");
        URI endpoint = URI.create(query.getOrDefault("endpoint", "https://s3." + region + ".amazonaws.com"));
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("^/+|/+$", "");
        return new S3BlobStore(endpoint, url.getHost(), path, new SigV4Signer(accessKeyId, secretAccessKey, region, "s3"));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        HttpResponse<byte[]> response = send("PUT", key, bytes, Map.of("content-type", contentType));
        if (response.statusCode() / 100 != 2) {
            throw failure("PUT", key, response);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        HttpResponse<byte[]> response = send("GET", key, null, Map.of());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure("GET", key, response);
        }
        return Optional.of(new ByteArrayInputStream(response.body()));
    }

    @Override
    public void delete(String key) throws IOException {
        HttpResponse<byte[]> response = send("DELETE", key, null, Map.of());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw failure("DELETE", key, response);
        }
    }

    private HttpResponse<byte[]> send(String method, String key, @Nullable byte[] body, Map<String, String> extra)
            throws IOException {
        String canonicalUri = "/" + SigV4Signer.encodeSegment(bucket) + "/"
                + (prefix.isEmpty() ? "" : encodePath(prefix) + "/") + SigV4Signer.encodeSegment(key);
        URI uri = URI.create(endpoint + canonicalUri);
        Instant now = Instant.now();
        String payloadHash = body == null ? SigV4Signer.EMPTY_SHA256 : SigV4Signer.sha256Hex(body);
        SortedMap<String, String> signed = new TreeMap<>(extra);
        signed.put("host", uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", SigV4Signer.amzDate(now));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", signer.authorization(method, canonicalUri, "", signed, payloadHash, now));
        signed.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the S3 store", e);
        }
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(SigV4Signer.encodeSegment(segment));
        }
        return out.toString();
    }

    private static IOException failure(String method, String key, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return new IOException("S3 " + method + " of blob " + key + " answered HTTP " + response.statusCode() + ": "
                + body.substring(0, Math.min(body.length(), 300)));
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
