package dev.agenticchat.notification.web;

import dev.agenticchat.support.paging.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** {@code {"items": [...], "next_cursor": "..."|null}}. */
@Serdeable
public record Page<T>(List<T> items, @Nullable String nextCursor) {
    /**
     * A page from up to {@code limit + 1} rows fetched newest first: the extra row only tells
     * that there is more, and the cursor (of {@code list}) points after the last row shown.
     */
    public static <T> Page<T> of(String list, List<T> rows, int limit, Function<T, Instant> createdAt, Function<T, UUID> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> shown = rows.subList(0, limit);
        T last = shown.get(limit - 1);
        return new Page<>(List.copyOf(shown), new PageCursor(createdAt.apply(last), id.apply(last)).encode(list));
    }
}
