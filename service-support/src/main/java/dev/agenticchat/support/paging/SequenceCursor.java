package dev.agenticchat.support.paging;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Keyset position in a list ordered by an increasing sequence number (e.g. a thread's
 * history by {@code seq}): the number of the last item served. Encoded and refused exactly
 * like a {@link PageCursor}.
 *
 * @param seq the sequence number of the last item served
 */
public record SequenceCursor(long seq) {

    public String encode(String list) {
        return CursorCodec.encode(list, List.of(Long.toString(seq)));
    }

    /** The position of a {@code ?cursor=} parameter of {@code list}; null when absent (the first page). */
    @Nullable
    public static SequenceCursor decode(String list, @Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        List<String> keys = CursorCodec.decode(list, cursor, 1);
        SequenceCursor position;
        try {
            position = new SequenceCursor(Long.parseLong(keys.get(0)));
        } catch (NumberFormatException e) {
            throw new InvalidCursor();
        }
        CursorCodec.requireCanonical(cursor, position.encode(list));
        return position;
    }
}
