package dev.agenticchat.agent.mcp;

import dev.agenticchat.agent.credentials.CredentialCipher;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One MCP server a tenant's admins registered: where it is, how to talk to it, and its sealed headers. */
record McpServer(UUID id, String tenantId, String slug, String name, String url, String transport, List<String> headerNames,
                 CredentialCipher.Sealed headers, boolean enabled, @Nullable String updatedBy, Instant createdAt,
                 Instant updatedAt) {
    static final String STREAMABLE_HTTP = "streamable_http";
    static final String SSE = "sse";
    static final Set<String> TRANSPORTS = Set.of(STREAMABLE_HTTP, SSE);

    /** What the sealed headers are bound to: this row of this tenant ({@code |} is in neither part). */
    static byte[] additionalData(String tenantId, UUID id) {
        return ("mcp_server|" + tenantId + "|" + id).getBytes(StandardCharsets.UTF_8);
    }

    byte[] additionalData() {
        return additionalData(tenantId, id);
    }
}
