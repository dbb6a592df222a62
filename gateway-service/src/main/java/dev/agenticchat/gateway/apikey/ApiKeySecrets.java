package dev.agenticchat.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key secrets: {@code ack_} and 256 random bits (base64url), shown once. Only their SHA-256 is
 * stored. A slow password hash (bcrypt, argon2) defends guessable secrets; nobody guesses 256
 * random bits, and a deterministic hash lets each request find its key by one index lookup.
 * The first {@value #PREFIX_LENGTH} characters are kept in clear so admins can tell keys apart.
 */
final class ApiKeySecrets {
    static final String MARK = "ack_";
    static final int PREFIX_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String prefix(String secret) {
        return secret.substring(0, PREFIX_LENGTH);
    }

    /** Whether it can be one of ours at all: cheap refusals before the database is asked. */
    static boolean wellFormed(String secret) {
        return secret.length() == MARK.length() + 43 && secret.startsWith(MARK)
                && secret.chars().skip(MARK.length()).allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
