package dev.agenticchat.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class McpEndpointTest {
    private final McpEndpoint endpoint = new McpEndpoint(UUID.randomUUID(), "tenant", "orders",
            URI.create("https://orders.example.com/mcp"), McpServer.STREAMABLE_HTTP,
            Map.of("Authorization", "Bearer s3cr3t-token-value", "X-Api-Key", "key-123456789"), Instant.now());

    @Test
    void a_message_quoting_a_header_value_or_its_token_is_redacted() {
        assertThat(endpoint.redacted("sent Bearer s3cr3t-token-value and key-123456789; token s3cr3t-token-value"))
                .isEqualTo("sent [redacted] and [redacted]; token [redacted]");
        assertThat(endpoint.redacted(null)).isEmpty();
    }

    @Test
    void printing_it_names_the_headers_only() {
        assertThat(endpoint.toString()).contains("orders", "Authorization", "X-Api-Key").doesNotContain("s3cr3t", "key-123");
    }
}
