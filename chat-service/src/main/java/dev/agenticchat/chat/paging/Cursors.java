package dev.agenticchat.chat.paging;

import dev.agenticchat.support.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Opaque, URL-safe page cursors holding the sort key of the last item served, so the next
 * page starts right after it (keyset pagination). A kind prefix keeps a cursor of one list
 * from being used on another.
 *
 * <p>A history cursor skips nothing: messages of a thread are inserted under a lock on the
 * thread's row, so within a thread seq order is commit order and no message can appear
 * later below a seq already served. The thread list is ordered by activity: a thread that
 * becomes active while a client pages moves to the top, above the pages already served.
 */
public final class Cursors {
    private static final String THREAD_KIND = "t1";
    private static final String MESSAGE_KIND = "m1";
    private static final String SEPARATOR = "|";

    private Cursors() {
    }

    /** Position in a thread list ordered by {@code updated_at DESC, id DESC}. */
    public record ThreadPosition(Instant updatedAt, UUID id) {
    }

    public static String afterThread(Instant updatedAt, UUID id) {
        return encode(THREAD_KIND + SEPARATOR + updatedAt + SEPARATOR + id);
    }

    public static ThreadPosition thread(String cursor) {
        List<String> parts = decode(cursor, THREAD_KIND, 3);
        try {
            return new ThreadPosition(Instant.parse(parts.get(1)), UUID.fromString(parts.get(2)));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** Position in a thread's history ordered by {@code seq}. */
    public static String afterMessage(long seq) {
        return encode(MESSAGE_KIND + SEPARATOR + seq);
    }

    public static long message(String cursor) {
        List<String> parts = decode(cursor, MESSAGE_KIND, 2);
        try {
            return Long.parseLong(parts.get(1));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decode(String cursor, String kind, int parts) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> split = List.of(plain.split(Pattern.quote(SEPARATOR), -1));
        if (split.size() != parts || !split.get(0).equals(kind)) {
            throw invalid();
        }
        return split;
    }

    private static ApiProblem invalid() {
        return ApiProblem.badRequest("cursor is not one this list handed out", "cursor");
    }
}
