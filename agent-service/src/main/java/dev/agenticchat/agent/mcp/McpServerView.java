package dev.agenticchat.agent.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** What the API shows of a registered MCP server: its headers' names, never a value. */
@Serdeable
record McpServerView(String slug, String name, String url, String transport,
                     @JsonInclude(JsonInclude.Include.ALWAYS) List<String> headerNames, boolean enabled, String keyId,
                     @Nullable String updatedBy, Instant createdAt, Instant updatedAt) {

    static McpServerView of(McpServer server) {
        return new McpServerView(server.slug(), server.name(), server.url(), server.transport(), server.headerNames(),
                server.enabled(), server.headers().keyId(), server.updatedBy(), server.createdAt(), server.updatedAt());
    }
}
