package dev.agenticchat.support.paging;

import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keyset position in a list ordered by a timestamp and then an id, newest first (e.g.
 * {@code created_at DESC, id DESC}): the sort key of the last item served, so the next page
 * starts right after it. Clients get it as an opaque, URL-safe string bound to one list
 * (see {@link CursorCodec}); a cursor that is not one the list handed out is an {@link InvalidCursor}.
 *
 * @param time the timestamp the list is sorted by (created_at, updated_at, ...)
 * @param id   the id that breaks ties between items of the same timestamp
 */
public record PageCursor(Instant time, UUID id) {

    public String encode(String list) {
        return CursorCodec.encode(list, List.of(time.toString(), id.toString()));
    }

    /** The position of a {@code ?cursor=} parameter of {@code list}; null when absent (the first page). */
    @Nullable
    public static PageCursor decode(String list, @Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        List<String> keys = CursorCodec.decode(list, cursor, 2);
        PageCursor position;
        try {
            position = new PageCursor(Instant.parse(keys.get(0)), UUID.fromString(keys.get(1)));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new InvalidCursor();
        }
        CursorCodec.requireCanonical(cursor, position.encode(list));
        return position;
    }
}
