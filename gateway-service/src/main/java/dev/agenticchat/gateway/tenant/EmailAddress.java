package dev.agenticchat.gateway.tenant;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address as the suite keys people by: trimmed and lower-cased whole (mail systems
 * treat local parts case-insensitively in practice, and two spellings of one address must
 * never become two people). Deliberately simple syntax check: one @, a dotted domain, no spaces.
 */
public final class EmailAddress {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");
    public static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    public static boolean valid(String email) {
        return email != null && email.strip().length() <= MAX_LENGTH && SHAPE.matcher(email.strip()).matches();
    }

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
