package dev.agenticchat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
    @TempDir
    Path dir;

    @Test
    void creates_a_missing_key_file_readable_by_its_owner_only_and_reuses_it() throws Exception {
        Path file = dir.resolve("keys/gateway-jwk.json");

        SigningKeys created = SigningKeys.fromFile(file);
        SigningKeys reloaded = SigningKeys.fromFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(created.signingKey().isPrivate()).isTrue();
        assertThat(reloaded.signingKey()).isEqualTo(created.signingKey());
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void publishes_only_public_parts() {
        SigningKeys keys = SigningKeys.generate();

        JWKSet published = keys.publicKeys();

        assertThat(published.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isEqualTo(keys.signingKey().getKeyID());
        });
        assertThat(published.toString()).doesNotContain("\"d\"");
    }

    @Test
    void signs_with_the_first_key_of_a_set_and_keeps_the_others_for_verification() throws Exception {
        RSAKey current = new RSAKeyGenerator(2048).keyID("current").generate();
        RSAKey previous = new RSAKeyGenerator(2048).keyID("previous").generate();

        SigningKeys keys = SigningKeys.parse(new JWKSet(java.util.List.of(current, previous)).toString(false));

        assertThat(keys.signingKey().getKeyID()).isEqualTo("current");
        assertThat(keys.find("previous")).isPresent();
        assertThat(keys.publicKeys().getKeys()).extracting(key -> key.getKeyID()).containsExactly("current", "previous");
    }

    @Test
    void names_a_key_without_kid_by_its_thumbprint() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();

        SigningKeys keys = SigningKeys.parse(key.toJSONString());

        assertThat(keys.signingKey().getKeyID()).isEqualTo(key.computeThumbprint().toString());
    }

    @Test
    void refuses_keys_it_cannot_sign_rs256_with() throws Exception {
        String ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate().toJSONString();
        String publicOnly = new RSAKeyGenerator(2048).keyID("pub").generate().toPublicJWK().toJSONString();

        assertThatThrownBy(() -> SigningKeys.parse(ec)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA");
        assertThatThrownBy(() -> SigningKeys.parse(publicOnly)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private");
        assertThatThrownBy(() -> SigningKeys.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
