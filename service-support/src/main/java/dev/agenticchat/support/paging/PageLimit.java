package dev.agenticchat.support.paging;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;

/**
 * The page size of a {@code ?limit=} parameter read by hand (lists whose controllers do not
 * validate it with {@code @Min}/{@code @Max}): 50 when absent, a 400 naming {@code limit}
 * outside 1..200.
 */
public final class PageLimit {
    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    private PageLimit() {
    }

    public static int of(@Nullable Integer limit) {
        int size = limit == null ? DEFAULT : limit;
        if (size < 1 || size > MAX) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX, "limit");
        }
        return size;
    }
}
