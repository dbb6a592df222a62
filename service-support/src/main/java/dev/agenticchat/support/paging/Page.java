package dev.agenticchat.support.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list ordered by (created_at DESC, id DESC): {@code next_cursor} is null on the
 * last page.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, @Nullable String nextCursor) {
    /** A position later than any row, so the first page is the page after it. */
    private static final PageCursor START = new PageCursor(Instant.parse("9999-12-31T00:00:00Z"),
            UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));

    /** Where the page asked for by {@code ?cursor=} of {@code list} starts: after this position. */
    public static PageCursor after(String list, @Nullable String cursor) {
        PageCursor position = PageCursor.decode(list, cursor);
        return position == null ? START : position;
    }

    /** A page from {@code limit + 1} fetched rows: the extra row only tells that more exist. */
    public static <R, T> Page<T> of(String list, List<R> rows, int limit, Function<R, PageCursor> position, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? position.apply(shown.get(shown.size() - 1)).encode(list) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
