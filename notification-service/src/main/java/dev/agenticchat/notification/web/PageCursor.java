package dev.agenticchat.notification.web;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque pagination position, newest first: base64 of created_at and id of the last item returned. */
public record PageCursor(Instant createdAt, UUID id) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a {@code ?cursor=} parameter; null when absent; 400 when malformed. */
    @Nullable
    public static PageCursor parse(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("malformed cursor", "cursor");
        }
    }

    /** The page size of a {@code ?limit=} parameter: 50 when absent, 400 outside 1..200. */
    public static int limit(@Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT, "limit");
        }
        return size;
    }
}
