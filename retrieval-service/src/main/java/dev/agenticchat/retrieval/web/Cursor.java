package dev.agenticchat.retrieval.web;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset position in a list ordered by (created_at DESC, id DESC), opaque to clients
 * (base64 of both). The first page starts after a position later than any row.
 */
public record Cursor(Instant createdAt, UUID id) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Cursor START = new Cursor(Instant.parse("9999-12-31T00:00:00Z"),
            UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));

    public static Cursor decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("cursor is not one this API returned", "cursor");
        }
    }

    public static int limit(@Nullable Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT, "limit");
        }
        return limit;
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** A page from {@code limit + 1} fetched rows: the extra row only tells that more exist. */
    public static <R, T> Page<T> page(List<R> rows, int limit, Function<R, Cursor> position, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? position.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
