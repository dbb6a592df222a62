package dev.agenticchat.notification.otp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One spelling per mailbox, so "Ada@Example.com " and "ada@example.com" are one person. The
 * address is trimmed and lower-cased whole, local part included: RFC 5321 lets a server treat
 * the local part case-sensitively, but the providers people use do not, and two identities that
 * differ only in case would be worse than the theoretical clash. Provider-specific folding (dots,
 * +tags) is not done: it would merge mailboxes that some providers keep apart.
 */
final class EmailAddresses {
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    private EmailAddresses() {
    }

    /** The normalised address, or empty when it is not a plausible mailbox address. */
    static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = raw.strip().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (address.length() > 254 || at <= 0 || at != address.indexOf('@')) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")
                || !DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Optional.of(address);
    }
}
