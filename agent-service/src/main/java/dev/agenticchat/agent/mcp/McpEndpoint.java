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

    /**
     * The text with every header value replaced (and the credential part of a value like
     * {@code Bearer <token>}), for a message that may quote what was sent.
     */
    String redacted(String text) {
        String redacted = text == null ? "" : text;
        for (String value : headers.values()) {
            redacted = replace(redacted, value);
            int space = value.lastIndexOf(' ');
            if (space >= 0 && value.length() - space > 8) {
                redacted = replace(redacted, value.substring(space + 1));
            }
        }
        return redacted;
    }

    private static String replace(String text, String secret) {
        return secret.isEmpty() ? text : text.replace(secret, "[redacted]");
    }

    @Override
    public String toString() {
        return "McpEndpoint[" + slug + " of " + tenantId + ", " + transport + " " + url + ", headers " + headers.keySet() + "]";
    }
}
