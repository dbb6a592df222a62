package dev.agenticchat.chat.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code next_cursor} is null on the last page. */
@Serdeable
public record PageView<T>(@JsonInclude(JsonInclude.Include.ALWAYS) List<T> items,
                          @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {
    public static final String DEFAULT_LIMIT = "50";
    public static final long MAX_LIMIT = 200;

    /**
     * Builds a page from up to {@code limit + 1} rows: the extra row only tells that another
     * page exists, and the cursor points after the last row served.
     */
    public static <R, T> PageView<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> cursorAfter) {
        boolean more = rows.size() > limit;
        List<R> served = more ? rows.subList(0, limit) : rows;
        return new PageView<>(served.stream().map(view).toList(),
                more ? cursorAfter.apply(served.get(served.size() - 1)) : null);
    }
}
