package dev.agenticchat.chat.attachment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small S3-speaking HTTP server: PUT, GET and DELETE of objects by path-style
 * {@code /bucket/key}. It refuses (403, as S3 does) a request whose {@code Authorization} is missing,
 * names another credential scope, or whose signature does not match the one computed from the
 * headers and payload hash it received, with the secret it knows.
 */
final class FakeS3 implements AutoCloseable {
    static final String ACCESS_KEY = "AKIAFAKES3EXAMPLE";
    static final String SECRET_KEY = "fake/secret/KEYEXAMPLE";
    static final String REGION = "eu-west-1";

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    FakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Map<String, byte[]> objects() {
        return objects;
    }

    List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        if (!signedCorrectly(exchange, path, body, authorization)) {
            answer(exchange, 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>".getBytes());
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                objects.put(path, body);
                answer(exchange, 200, new byte[0]);
            }
            case "GET" -> {
                byte[] object = objects.get(path);
                if (object == null) {
                    answer(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>".getBytes());
                } else {
                    answer(exchange, 200, object);
                }
            }
            case "DELETE" -> {
                objects.remove(path);
                answer(exchange, 204, null);
            }
            default -> answer(exchange, 405, new byte[0]);
        }
    }

    private boolean signedCorrectly(HttpExchange exchange, String path, byte[] body, String authorization) {
        String amzDate = exchange.getRequestHeaders().getFirst("x-amz-date");
        String payloadHash = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        if (authorization == null || amzDate == null || payloadHash == null
                || !payloadHash.equals(SigV4Signer.sha256Hex(body))) {
            return false;
        }
        String scope = amzDate.substring(0, 8) + "/" + REGION + "/s3/aws4_request";
        if (!authorization.startsWith(SigV4Signer.ALGORITHM + " Credential=" + ACCESS_KEY + "/" + scope + ", SignedHeaders=")) {
            return false;
        }
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        SortedMap<String, String> headers = new TreeMap<>();
        for (String name : signedHeaders.split(";")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                return false;
            }
            headers.put(name, value);
        }
        Instant at = Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).parse(amzDate));
        String expected = new SigV4Signer(ACCESS_KEY, SECRET_KEY, REGION, "s3")
                .authorization(exchange.getRequestMethod(), path, "", headers, payloadHash, at);
        return expected.equals(authorization);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
