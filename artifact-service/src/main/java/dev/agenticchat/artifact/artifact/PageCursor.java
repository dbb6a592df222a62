package dev.agenticchat.artifact.artifact;

import dev.agenticchat.support.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page starts: strictly after (older than) this artifact in the
 * newest-first order. Opaque to clients: base64url of {@code created_at|id}.
 */
record PageCursor(Instant createdAt, UUID id) {

    static PageCursor after(Artifact artifact) {
        return new PageCursor(artifact.createdAt(), artifact.id());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 2) {
                return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // Falls through to the same answer as a cursor of the wrong shape.
        }
        throw ApiProblem.badRequest("cursor is not one this API returned; pass next_cursor from the previous page", "cursor");
    }
}
