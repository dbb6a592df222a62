package dev.agenticchat.agent;

import io.micronaut.core.annotation.Nullable;

/**
 * Text as Postgres can store it. A TEXT value cannot hold U+0000, and a model (or a tool
 * result it is shown) can produce one: such a write fails, so NUL characters are dropped
 * from every text the worker persists or announces as final.
 */
public final class StoredText {
    private static final char NUL = '\u0000';

    private StoredText() {
    }

    /** The text without NUL characters; null stays null. */
    public static String of(@Nullable String text) {
        if (text == null || text.indexOf(NUL) < 0) {
            return text;
        }
        return text.replace(String.valueOf(NUL), "");
    }
}
