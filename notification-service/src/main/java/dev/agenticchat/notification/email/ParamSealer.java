package dev.agenticchat.notification.email;

import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets this service must read back later: template parameters (a one-time code) on
 * their trip through the outbox table and Kafka, which keep records for days, and webhook
 * signing secrets at rest. Only this service, holding the pepper, can open them.
 * AES-256-GCM with a key derived from {@code OTP_PEPPER}.
 */
@Singleton
public class ParamSealer {
    static final String PREFIX = "sealed:v1:";
    private static final int IV_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    ParamSealer(SealerSettings settings) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.pepper().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("mail-parameter-seal/v1".getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parameters with every sealed value opened; a value that cannot be opened makes the request invalid. */
    Map<String, String> open(Map<String, String> params) {
        Map<String, String> opened = new HashMap<>(params);
        opened.replaceAll((name, value) -> value != null && value.startsWith(PREFIX) ? open(name, value) : value);
        return opened;
    }

    /** Opens one sealed value; fails with IllegalStateException if it was sealed with another pepper. */
    public String unseal(String value) {
        try {
            return open("value", value);
        } catch (InvalidMailRequest e) {
            throw new IllegalStateException("value sealed with another OTP_PEPPER", e);
        }
    }

    private String open(String name, String value) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidMailRequest("parameter " + name + " is sealed with another key");
        }
    }
}
