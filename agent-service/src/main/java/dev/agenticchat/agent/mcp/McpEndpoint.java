package dev.agenticchat.agent.mcp;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A registered server as a turn connects to it, its headers opened. {@code updatedAt} tells whether a
 * connection made earlier still matches the row. Never log it whole: the headers are secrets.
 */
record McpEndpoint(UUID id, String tenantId, String slug, URI url, String transport, Map<String, String> headers,
                   Instant updatedAt) {

    /** The text with every header value replaced, for a message that may quote what was sent. */
    String redacted(String text) {
        String redacted = text == null ? "" : text;
        for (String value : headers.values()) {
            if (!value.isEmpty()) {
                redacted = redacted.replace(value, "[redacted]");
            }
        }
        return redacted;
    }

    @Override
    public String toString() {
        return "McpEndpoint[" + slug + " of " + tenantId + ", " + transport + " " + url + ", headers " + headers.keySet() + "]";
    }
}
