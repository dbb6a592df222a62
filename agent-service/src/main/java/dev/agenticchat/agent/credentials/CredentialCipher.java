package dev.agenticchat.agent.credentials;

import io.micronaut.context.annotation.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.LoggerFactory;

/**
 * Seals provider credentials (and the other secrets tenant admins set, such as MCP servers' headers)
 * with AES-256-GCM (JDK only): the active key, a random 96-bit nonce per write, and the row's
 * identity as additional data, so a ciphertext opens only for the row it was written for. It knows every configured key, so what older keys sealed still opens while
 * rotation re-seals it. Created when the service starts ({@code @Context}): a missing or malformed
 * key stops the start with a message naming the setting, not the first write; an active key that is
 * the development one earns a warning.
 */
@Context
public class CredentialCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    CredentialCipher(CredentialSettings settings) {
        this.keys = keys(settings.getKeys());
        this.activeKeyId = settings.getActiveKeyId();
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException("agent.credentials.active-key-id (AGENT_CREDENTIALS_ACTIVE_KEY_ID) is not set:"
                    + " it names the key of agent.credentials.keys that seals provider credentials");
        }
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("agent.credentials.active-key-id is " + activeKeyId + ", but agent.credentials.keys."
                    + activeKeyId + " (" + environmentName(activeKeyId) + ") is not set; configured key ids: " + keys.keySet());
        }
        if (CredentialSettings.LOCAL_DEVELOPMENT_KEY.equals(settings.getKeys().get(activeKeyId).strip())) {
            LoggerFactory.getLogger(CredentialCipher.class).warn("provider credentials are sealed with the development key"
                    + " of application.yml (key {}, AGENT_CREDENTIALS_KEY unset), which anyone with the repository can use to"
                    + " open them. Fine on one machine; anywhere else set AGENT_CREDENTIALS_KEY (openssl rand -base64 32).",
                    activeKeyId);
        }
    }

    /** What was sealed, with the id of the key that sealed it. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    String activeKeyId() {
        return activeKeyId;
    }

    Set<String> keyIds() {
        return keys.keySet();
    }

    Sealed seal(String secret, CredentialScope scope) {
        return seal(secret, scope.additionalData());
    }

    /** {@code additionalData}: what names exactly the row the secret is stored in (its opening needs the same). */
    public Sealed seal(String secret, byte[] additionalData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plaintext = secret.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, additionalData);
            return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The secret, or {@link CredentialUnreadableException} when its key is gone or it was not sealed for this scope. */
    String open(Sealed sealed, CredentialScope scope) {
        return open(sealed, scope.additionalData());
    }

    /** The secret, or {@link CredentialUnreadableException} when its key is gone or it was not sealed with this additional data. */
    public String open(Sealed sealed, byte[] additionalData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw CredentialUnreadableException.keyNotConfigured(sealed.keyId());
        }
        try {
            byte[] plaintext = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), additionalData).doFinal(sealed.ciphertext());
            try {
                return new String(plaintext, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw CredentialUnreadableException.doesNotDecrypt(sealed.keyId());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A nonce of the wrong length, say: the row was changed, as with a bad tag.
            throw CredentialUnreadableException.doesNotDecrypt(sealed.keyId());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] additionalData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(additionalData);
        return cipher;
    }

    /** Decoded and checked; the messages name the setting, never the value. */
    private static Map<String, SecretKey> keys(Map<String, String> configured) {
        Map<String, SecretKey> keys = new TreeMap<>();
        configured.forEach((id, value) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("agent.credentials.keys." + id + ": a key id is 1-40 lower-case letters,"
                        + " digits or '-' (in an environment variable AGENT_CREDENTIALS_KEYS_<ID>, letters and digits only)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(value == null ? "" : value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("agent.credentials.keys." + id + " (" + environmentName(id)
                        + ") is not base64; make one with: openssl rand -base64 32");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException("agent.credentials.keys." + id + " (" + environmentName(id) + ") is "
                        + bytes.length + " bytes, not the 32 of an AES-256 key; make one with: openssl rand -base64 32");
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
            Arrays.fill(bytes, (byte) 0);
        });
        return Collections.unmodifiableMap(keys);
    }

    private static String environmentName(String keyId) {
        return "local".equals(keyId) ? "AGENT_CREDENTIALS_KEY"
                : "AGENT_CREDENTIALS_KEYS_" + keyId.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
