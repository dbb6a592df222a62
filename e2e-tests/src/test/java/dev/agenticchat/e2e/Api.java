package dev.agenticchat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The gateway's HTTP API as a client sees it. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String contentType, JsonNode body) {
    }

    record Session(String accessToken, String refreshToken, String userId, String tenantId) {
    }

    private final String base;

    Api(RunningSuite suite) {
        this.base = suite.gateway();
    }

    Session anonymousSession() {
        return anonymousSession(Map.of());
    }

    /** An anonymous session in the tenant with this slug. */
    Session anonymousSession(String tenant) {
        return anonymousSession(Map.of("tenant", tenant));
    }

    private Session anonymousSession(Map<String, ?> request) {
        Response response = post("/api/auth/anonymous", null, request);
        if (response.status() != 200 && response.status() != 201) {
            throw new AssertionError("anonymous session failed: " + response);
        }
        JsonNode body = response.body();
        return new Session(body.path("access_token").asText(), body.path("refresh_token").asText(),
                body.path("user_id").asText(), body.path("tenant_id").asText());
    }

    Response get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Response post(String path, String token, Map<String, ?> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return send(request.build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data upload of one file in the field {@code file}, as a browser sends it. */
    Response upload(String path, String token, String filename, byte[] bytes) {
        String boundary = "----e2e" + java.util.UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A fresh session for the same user, e.g. to carry roles granted since the last token. */
    Session refresh(Session session) {
        Response response = post("/api/auth/refresh", null, Map.of("refresh_token", session.refreshToken()));
        if (response.status() != 200) {
            throw new AssertionError("refresh failed: " + response);
        }
        JsonNode body = response.body();
        return new Session(body.path("access_token").asText(), body.path("refresh_token").asText(),
                body.path("user_id").asText(), body.path("tenant_id").asText());
    }

    /**
     * Links the anonymous session to this address with the code the product mails (read by
     * {@code mailedCode}, which answers empty until it arrived) and returns the person's session.
     */
    Session linkEmail(Session anonymous, String email, java.util.function.Supplier<java.util.Optional<String>> mailedCode) {
        Response requested = post("/api/auth/otp/request", anonymous.accessToken(), Map.of("email", email, "purpose", "link_session"));
        if (requested.status() != 202) {
            throw new AssertionError("code request for " + email + " failed: " + requested);
        }
        String code = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(mailedCode::get,
                java.util.Optional::isPresent).orElseThrow();
        Response linked = post("/api/auth/otp/verify", anonymous.accessToken(), Map.of("email", email, "code", code, "purpose", "link_session"));
        if (linked.status() != 200) {
            throw new AssertionError("linking " + email + " failed: " + linked);
        }
        JsonNode body = linked.body();
        return new Session(body.path("access_token").asText(), body.path("refresh_token").asText(),
                body.path("user_id").asText(), body.path("tenant_id").asText());
    }

    /** The newest one-time code the suite's SMTP server holds for this address, as IdentityE2EIT reads it. */
    static java.util.Optional<String> codeMailedTo(com.icegreen.greenmail.util.GreenMail mail, String email) {
        try {
            jakarta.mail.internet.MimeMessage[] messages = mail.getReceivedMessages();
            for (int i = messages.length - 1; i >= 0; i--) {
                if (java.util.Arrays.stream(messages[i].getRecipients(jakarta.mail.Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().contains(email))) {
                    java.util.regex.Matcher code = MAILED_CODE.matcher(plainText(messages[i].getContent()));
                    if (code.find()) {
                        return java.util.Optional.of(code.group(1));
                    }
                }
            }
            return java.util.Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the mail to " + email, e);
        }
    }

    private static final java.util.regex.Pattern MAILED_CODE = java.util.regex.Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

    private static String plainText(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                String text = part.isMimeType("text/plain") ? part.getContent().toString()
                        : part.getContent() instanceof jakarta.mail.Multipart nested ? plainText(nested) : "";
                if (!text.isEmpty()) {
                    return text;
                }
            }
            return "";
        }
        return content instanceof String text ? text : "";
    }

    /** The operator's call ({@code Authorization: Bearer $ADMIN_TOKEN}) on the admin API. */
    Response operator(String method, String path, Map<String, ?> body) {
        try {
            byte[] json = body == null ? null : JSON.writeValueAsBytes(body);
            return exchange(method, path, Map.of("Authorization", "Bearer " + RunningSuite.ADMIN_TOKEN), "application/json", json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Any method with any headers and a raw body (null for none). Answers that are not JSON
     * (plain text, HTML, exports) come back as one text node.
     */
    Response exchange(String method, String path, Map<String, String> headers, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode parsed = response.body().isBlank() ? JSON.nullNode()
                    : type.contains("json") ? JSON.readTree(response.body()) : JSON.getNodeFactory().textNode(response.body());
            return new Response(response.statusCode(), type, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body with one file in the field {@code file}: its Content-Type and bytes. */
    record Multipart(String contentType, byte[] bytes) {
        static Multipart file(String filename, byte[] content) {
            String boundary = "----e2e" + java.util.UUID.randomUUID().toString().replace("-", "");
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            return new Multipart("multipart/form-data; boundary=" + boundary, body);
        }
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
