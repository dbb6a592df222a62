package dev.agenticchat.notification.otp;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.LoggerFactory;

/**
 * Makes codes and their hashes. Six digits have little entropy, so a plain hash would fall to
 * a dictionary of a million entries: the hash is an HMAC keyed with the server's pepper and
 * bound to tenant, address and purpose, and a stolen table reveals nothing without the pepper.
 */
@Singleton
class CodeHasher {
    static final String LOCAL_PEPPER = "local-dev-otp-pepper";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CodeHasher(OtpSettings settings) {
        if (LOCAL_PEPPER.equals(settings.getPepper())) {
            LoggerFactory.getLogger(CodeHasher.class).warn("OTP_PEPPER is the local development default: set a secret before exposing this service.");
        }
        this.key = new SecretKeySpec(settings.getPepper().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    String hash(String tenantId, String email, Purpose purpose, String code) {
        return hmac(String.join("\u0000", tenantId, email, purpose.id(), code));
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key failed checks are counted under: an HMAC, so the table of failures names no
     * address or IP and needs no erasure of its own (its rows fade after the failure memory).
     */
    String subject(String kind, String value) {
        return hmac(String.join("\u0000", "otp-failures", kind, value));
    }

    static boolean same(String expectedHash, String actualHash) {
        return MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII), actualHash.getBytes(StandardCharsets.US_ASCII));
    }
}
