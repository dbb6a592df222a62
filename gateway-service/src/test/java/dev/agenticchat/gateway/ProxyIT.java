package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.ChatServiceStandIn;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HTTP routing. chat-service and retrieval-service are played by a stand-in over real HTTP
 * (the real services are covered by the end-to-end suite); artifact-service is "down": its
 * URL points at a port nobody listens on.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyIT implements TestPropertyProvider {
    private final ChatServiceStandIn services = ChatServiceStandIn.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer embeddedServer;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gateway.services.chat", services.url(),
                "gateway.services.retrieval", services.url(),
                "gateway.services.artifact", "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    void stopServices() {
        services.close();
    }

    @Test
    void forwards_the_token_and_query_but_never_service_credentials_from_outside() {
        String token = (String) AnonymousUsers.create(http).get("access_token");

        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/api/threads?limit=5&cursor=abc")
                .bearerAuth(token)
                .header("X-Service-Token", "local-dev-service-token")
                .header("X-On-Behalf-Of-Tenant", "victim-tenant")
                .header("X-On-Behalf-Of-User", "victim")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-Request-Id", "r-1"), Argument.mapOf(String.class, Object.class));

        assertThat(page).containsKey("items");
        ChatServiceStandIn.Recorded forwarded = services.requests().stream()
                .filter(r -> "r-1".equals(r.header("X-Request-Id"))).findFirst().orElseThrow();
        assertThat(forwarded.method()).isEqualTo("GET");
        assertThat(forwarded.path()).isEqualTo("/api/threads");
        assertThat(forwarded.query()).isEqualTo("limit=5&cursor=abc");
        assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(forwarded.header("X-Service-Token")).isNull();
        assertThat(forwarded.header("X-On-Behalf-Of-Tenant")).isNull();
        assertThat(forwarded.header("X-On-Behalf-Of-User")).isNull();
        assertThat(forwarded.header("Proxy-Authorization")).isNull();
    }

    @Test
    void forwards_the_method_and_body_and_returns_the_status_of_the_service() {
        Map<String, Object> session = AnonymousUsers.create(http);

        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(HttpRequest.POST("/api/messages",
                        Map.of("content", "Hi", "client_message_id", "c-1")).bearerAuth((String) session.get("access_token")),
                Argument.mapOf(String.class, Object.class));

        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat((Map<String, Object>) created.body().get("message")).containsEntry("content", "Hi").containsEntry("client_message_id", "c-1");
        ChatServiceStandIn.Recorded forwarded = services.requests().stream()
                .filter(r -> r.method().equals("POST") && r.body().contains("\"c-1\"")).findFirst().orElseThrow();
        assertThat(forwarded.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void passes_a_problem_from_the_service_through_unchanged() {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(ChatServiceStandIn.REFUSING_PATH).bearerAuth("any")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(409);
                    assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
                    assertThat(e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow())
                            .containsEntry("title", "Conflict").containsEntry("detail", "the thread is being exported");
                });
    }

    @Test
    void streams_an_attachment_as_large_as_chat_service_accepts_and_refuses_a_larger_body_with_a_413_problem() throws Exception {
        String token = (String) AnonymousUsers.create(http).get("access_token");
        int chatLimit = 10 * 1024 * 1024 + 32 * 1024;
        HttpURLConnection accepted = upload(token, chatLimit);
        assertThat(accepted.getResponseCode()).isEqualTo(404);
        assertThat(services.requests()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/attachments");
            assertThat(r.body()).hasSize(chatLimit);
        });

        HttpURLConnection refused = upload(token, 12 * 1024 * 1024);
        assertThat(refused.getResponseCode()).isEqualTo(413);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("\"status\":413");
    }

    /** A body of {@code size} bytes to {@code POST /api/attachments}, answered whether or not the server read it all. */
    private HttpURLConnection upload(String token, int size) throws Exception {
        String base = embeddedServer.getURL().toString();
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + "/api/attachments").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setRequestProperty("Content-Type", "multipart/form-data; boundary=xyz");
        connection.setFixedLengthStreamingMode(size);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = connection.getOutputStream()) {
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        } catch (IOException ignored) {
            // The gateway may answer a body over its limit before reading it all; the answer is what counts.
        }
        return connection;
    }

    @Test
    void routes_knowledge_bases_to_the_retrieval_service() {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/knowledge-bases/kb-1").bearerAuth("any")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
        assertThat(services.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/api/knowledge-bases/kb-1"));
    }

    @Test
    void answers_503_problem_naming_a_service_that_is_down() {
        for (String path : new String[] {"/api/artifacts", "/api/artifact-types"}) {
            assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth("any")))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(503);
                        assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
                        assertThat((String) e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow()
                                .get("detail")).contains("artifact-service is unavailable");
                    });
        }
    }

    @Test
    void refuses_a_path_that_climbs_out_of_its_prefix() {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/threads/%2e%2e/admin").bearerAuth("any")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
        assertThat(services.requests()).noneSatisfy(r -> assertThat(r.path()).contains("admin"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
