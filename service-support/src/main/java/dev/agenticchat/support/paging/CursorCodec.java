package dev.agenticchat.support.paging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one encoding of every page cursor: URL-safe base64 (no padding) of
 * {@code list|key|key...}. The list name keeps a cursor of one list from being used on
 * another; the keys are typed values (timestamps, UUIDs, numbers) that cannot contain the
 * separator, so splitting is unambiguous without any escaping. Anything else, including a
 * cursor longer than any this codec makes, is an {@link InvalidCursor} before it is decoded.
 */
final class CursorCodec {
    /** Far above the longest cursor made here: a 32-character list name, the longest timestamp and a UUID encode to 143. */
    static final int MAX_LENGTH = 256;
    private static final String SEPARATOR = "|";
    private static final Pattern LIST_NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,31}");

    private CursorCodec() {
    }

    static String encode(String list, List<String> keys) {
        requireListName(list);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + SEPARATOR + String.join(SEPARATOR, keys)).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} keys of a cursor of {@code list}; an {@link InvalidCursor} for anything else. */
    static List<String> decode(String list, String cursor, int count) {
        requireListName(list);
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursor();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
        List<String> parts = List.of(plain.split(Pattern.quote(SEPARATOR), -1));
        if (parts.size() != count + 1 || !parts.get(0).equals(list)) {
            throw new InvalidCursor();
        }
        return new ArrayList<>(parts.subList(1, parts.size()));
    }

    /**
     * Refuses a cursor that decodes to a position but is not the exact text this codec makes of
     * it (padding, stray bits, a UUID or a number spelled another way): only cursors handed out
     * are taken back.
     */
    static void requireCanonical(String cursor, String reencoded) {
        if (!cursor.equals(reencoded)) {
            throw new InvalidCursor();
        }
    }

    private static void requireListName(String list) {
        if (!LIST_NAME.matcher(list).matches()) {
            throw new IllegalArgumentException("list name must match " + LIST_NAME + ": " + list);
        }
    }
}
