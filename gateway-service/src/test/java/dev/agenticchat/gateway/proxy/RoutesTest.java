package dev.agenticchat.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.gateway.config.ServiceUrls;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private final Routes routes = new Routes(new ServiceUrls(URI.create("http://chat:8081"),
            URI.create("http://artifact:8084/"), URI.create("http://retrieval:8083"), URI.create("http://notification:8085"),
            URI.create("http://agent:8082")));

    @Test
    void sends_each_path_to_the_service_that_owns_it() {
        assertThat(routes.match("GET", "/api/threads").orElseThrow().service()).isEqualTo("chat-service");
        assertThat(routes.match("GET", "/api/threads/t-1/messages").orElseThrow().service()).isEqualTo("chat-service");
        assertThat(routes.match("GET", "/api/messages").orElseThrow().service()).isEqualTo("chat-service");
        assertThat(routes.match("GET", "/api/artifacts/a-1").orElseThrow().service()).isEqualTo("artifact-service");
        assertThat(routes.match("GET", "/api/artifact-types").orElseThrow().service()).isEqualTo("artifact-service");
        assertThat(routes.match("GET", "/api/knowledge-bases/kb/documents").orElseThrow().service()).isEqualTo("retrieval-service");
        assertThat(routes.match("GET", "/api/documents/d-1").orElseThrow().service()).isEqualTo("retrieval-service");
        assertThat(routes.match("GET", "/api/shared/tok").orElseThrow().service()).isEqualTo("artifact-service");
        assertThat(routes.match("GET", "/shared/tok").orElseThrow().service()).isEqualTo("artifact-service");
        assertThat(routes.match("GET", "/api/webhooks/w-1/deliveries").orElseThrow().service()).isEqualTo("notification-service");
        assertThat(routes.match("GET", "/api/admin/email-events").orElseThrow().service()).isEqualTo("notification-service");
        assertThat(routes.match("GET", "/api/agents/sales/versions").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/audit/logs").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/agents/sales/credentials/openai").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/credentials").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/credentials/anthropic").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/mcp-servers").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/mcp-servers/orders").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/usage").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/budgets").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/budgets/mine").orElseThrow().service()).isEqualTo("agent-service");
        assertThat(routes.match("GET", "/api/attachments").orElseThrow().service()).isEqualTo("chat-service");
        assertThat(routes.match("GET", "/api/attachments/a-1/content").orElseThrow().service()).isEqualTo("chat-service");
        assertThat(routes.match("GET", "/api/admin/tenants")).isEmpty();
        // The thread's SSE stream and posting to a thread are the gateway's (the stream to read comes with the answer).
        assertThat(routes.match("GET", "/api/threads/t-1/events")).isEmpty();
        assertThat(routes.match("POST", "/api/threads/t-1/messages")).isEmpty();
        assertThat(routes.match("POST", "/api/threads/t-1/events").orElseThrow().service()).isEqualTo("chat-service");
        assertThat(routes.match("GET", "/api/streams/t-1.m-1")).isEmpty();
        // Text extraction is for services only: no public path reaches it.
        assertThat(routes.match("GET", "/api/extractions")).isEmpty();
    }

    @Test
    void matches_whole_segments_only() {
        assertThat(routes.match("GET", "/api/threadsx")).isEmpty();
        assertThat(routes.match("GET", "/api/mcp-serversx")).isEmpty();
        assertThat(routes.match("GET", "/api/me")).isEmpty();
        assertThat(routes.match("GET", "/api/auth/anonymous")).isEmpty();
        assertThat(routes.match("GET", "/sharedx")).isEmpty();
    }

    @Test
    void keeps_the_raw_path_and_query() {
        assertThat(routes.match("GET", "/api/artifacts/a%20b").orElseThrow().target("/api/artifacts/a%20b", "q=x%2By&limit=5"))
                .isEqualTo(URI.create("http://artifact:8084/api/artifacts/a%20b?q=x%2By&limit=5"));
        assertThat(routes.match("GET", "/api/threads").orElseThrow().target("/api/threads", null))
                .isEqualTo(URI.create("http://chat:8081/api/threads"));
    }

    @Test
    void refuses_paths_that_could_climb_out_of_their_prefix() {
        assertThat(ProxyFilter.isPlainPath("/api/threads/t-1/messages")).isTrue();
        assertThat(ProxyFilter.isPlainPath("/api/threads/../admin")).isFalse();
        assertThat(ProxyFilter.isPlainPath("/api/threads/%2E%2e/admin")).isFalse();
        assertThat(ProxyFilter.isPlainPath("/api/threads/a%2Fb")).isFalse();
        assertThat(ProxyFilter.isPlainPath("/api/threads/./x")).isFalse();
        assertThat(ProxyFilter.isPlainPath("/api/threads/%zz")).isFalse();
    }
}
