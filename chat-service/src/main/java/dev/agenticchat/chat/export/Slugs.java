package dev.agenticchat.chat.export;

import java.text.Normalizer;
import java.util.Locale;

/** File names from titles: lower-case ASCII letters, digits and dashes, at most 60 characters. */
final class Slugs {
    private static final int MAX_LENGTH = 60;

    private Slugs() {
    }

    /** The title's slug, or {@code fallback} when nothing of the title is left. */
    static String of(String title, String fallback) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }
}
