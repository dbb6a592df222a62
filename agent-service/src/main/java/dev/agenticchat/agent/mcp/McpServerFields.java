package dev.agenticchat.agent.mcp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * An MCP server as a tenant admin sends it: all of it to register one (slug, name, url and transport
 * required; no headers; enabled), or only what changes ({@code headers} replaces the whole set; {@code {}}
 * removes them). Checked by {@link McpServerService}, which names every field at fault.
 */
@Serdeable
record McpServerFields(@Nullable String slug, @Nullable String name, @Nullable String url, @Nullable String transport,
                       @Nullable Map<String, String> headers, @Nullable Boolean enabled) {

    boolean changesNothing() {
        return slug == null && name == null && url == null && transport == null && headers == null && enabled == null;
    }
}
