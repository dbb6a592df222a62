package dev.agenticchat.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.agent.fixtures.CapturedOutput;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    private static final String SECRET = "sk-test-" + UUID.randomUUID();
    private static final String K1 = newKey();
    private static final String K2 = newKey();
    private final CredentialScope scope = new CredentialScope("tenant-a", UUID.randomUUID(), "openai");

    @Test
    void opens_what_it_sealed_for_the_same_scope_and_never_stores_the_secret_in_clear() {
        CredentialCipher cipher = cipher("k1", Map.of("k1", K1));

        CredentialCipher.Sealed first = cipher.seal(SECRET, scope);
        CredentialCipher.Sealed second = cipher.seal(SECRET, scope);

        assertThat(cipher.open(first, scope)).isEqualTo(SECRET);
        assertThat(first.keyId()).isEqualTo("k1");
        assertThat(first.nonce()).hasSize(12);
        assertThat(new String(first.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(first.ciphertext()).hasSize(SECRET.length() + 16);
        assertThat(second.nonce()).as("a fresh nonce per write").isNotEqualTo(first.nonce());
        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
    }

    @Test
    void a_ciphertext_does_not_open_for_another_tenant_agent_or_provider() {
        CredentialCipher cipher = cipher("k1", Map.of("k1", K1));
        CredentialCipher.Sealed sealed = cipher.seal(SECRET, scope);

        for (CredentialScope elsewhere : new CredentialScope[] {
                new CredentialScope("tenant-b", scope.agentId(), "openai"),
                new CredentialScope("tenant-a", UUID.randomUUID(), "openai"),
                CredentialScope.ofTenant("tenant-a", "openai"),
                new CredentialScope("tenant-a", scope.agentId(), "anthropic")}) {
            assertThatThrownBy(() -> cipher.open(sealed, elsewhere)).as("opened for %s", elsewhere)
                    .isInstanceOf(CredentialUnreadableException.class)
                    .hasMessageContaining("credential unreadable: it does not decrypt with key k1");
        }
    }

    @Test
    void a_changed_ciphertext_or_nonce_does_not_open() {
        CredentialCipher cipher = cipher("k1", Map.of("k1", K1));
        CredentialCipher.Sealed sealed = cipher.seal(SECRET, scope);
        byte[] ciphertext = sealed.ciphertext().clone();
        ciphertext[3] ^= 1;
        byte[] nonce = sealed.nonce().clone();
        nonce[0] ^= 1;

        assertThatThrownBy(() -> cipher.open(new CredentialCipher.Sealed("k1", sealed.nonce(), ciphertext), scope))
                .isInstanceOf(CredentialUnreadableException.class);
        assertThatThrownBy(() -> cipher.open(new CredentialCipher.Sealed("k1", nonce, sealed.ciphertext()), scope))
                .isInstanceOf(CredentialUnreadableException.class);
        assertThatThrownBy(() -> cipher.open(new CredentialCipher.Sealed("k1", new byte[0], sealed.ciphertext()), scope))
                .isInstanceOf(CredentialUnreadableException.class);
    }

    @Test
    void what_a_key_that_is_no_longer_configured_sealed_fails_naming_the_key_id_only() {
        CredentialCipher.Sealed sealed = cipher("k1", Map.of("k1", K1)).seal(SECRET, scope);
        CredentialCipher withoutK1 = cipher("k2", Map.of("k2", K2));

        assertThatThrownBy(() -> withoutK1.open(sealed, scope))
                .isInstanceOf(CredentialUnreadableException.class)
                .hasMessage("credential unreadable: key k1 not configured")
                .satisfies(e -> assertThat(((CredentialUnreadableException) e).keyId()).isEqualTo("k1"));
    }

    @Test
    void seals_with_the_active_key_and_still_opens_what_the_others_sealed() {
        CredentialCipher.Sealed old = cipher("k1", Map.of("k1", K1)).seal(SECRET, scope);
        CredentialCipher rotated = cipher("k2", Map.of("k1", K1, "k2", K2));

        assertThat(rotated.open(old, scope)).isEqualTo(SECRET);
        assertThat(rotated.seal(SECRET, scope).keyId()).isEqualTo("k2");
        assertThat(rotated.keyIds()).containsExactly("k1", "k2");
    }

    @Test
    void refuses_to_start_without_a_usable_active_key_naming_the_setting_and_never_the_value() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> cipher(null, Map.of("k1", K1)))
                .hasMessageContaining("agent.credentials.active-key-id (AGENT_CREDENTIALS_ACTIVE_KEY_ID) is not set");
        assertThatThrownBy(() -> cipher("k3", Map.of("k1", K1)))
                .hasMessageContaining("agent.credentials.keys.k3 (AGENT_CREDENTIALS_KEYS_K3) is not set").hasMessageContaining("[k1]");
        assertThatThrownBy(() -> cipher("k1", Map.of("k1", shortKey)))
                .hasMessageContaining("agent.credentials.keys.k1 (AGENT_CREDENTIALS_KEYS_K1) is 16 bytes, not the 32")
                .message().doesNotContain(shortKey);
        assertThatThrownBy(() -> cipher("local", Map.of("local", "not base64 at all!")))
                .hasMessageContaining("agent.credentials.keys.local (AGENT_CREDENTIALS_KEY) is not base64")
                .message().doesNotContain("not base64 at all!");
        assertThatThrownBy(() -> cipher("k1", Map.of("k1", K1, "Bad.Id", K2)))
                .hasMessageContaining("agent.credentials.keys.Bad.Id: a key id is");
    }

    @Test
    void warns_once_when_the_active_key_is_the_development_key_of_application_yml() {
        String warning = "sealed with the development key of application.yml";
        try (CapturedOutput output = CapturedOutput.start()) {
            cipher("k1", Map.of("k1", K1, "local", CredentialSettings.LOCAL_DEVELOPMENT_KEY));
            assertThat(output.text()).as("a fallback that opens what it once sealed, until rotation moved it").doesNotContain(warning);

            cipher("local", Map.of("k1", K1, "local", CredentialSettings.LOCAL_DEVELOPMENT_KEY));

            assertThat(output.lines()).filteredOn(line -> line.contains(warning)).singleElement()
                    .satisfies(line -> assertThat(line).contains("WARN", "key local", "AGENT_CREDENTIALS_KEY")
                            .doesNotContain(CredentialSettings.LOCAL_DEVELOPMENT_KEY));
        }
    }

    private static CredentialCipher cipher(String activeKeyId, Map<String, String> keys) {
        CredentialSettings settings = new CredentialSettings();
        settings.setKeys(new LinkedHashMap<>(keys));
        settings.setActiveKeyId(activeKeyId);
        return new CredentialCipher(settings);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
