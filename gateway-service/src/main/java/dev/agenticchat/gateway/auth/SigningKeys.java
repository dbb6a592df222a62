package dev.agenticchat.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys behind the gateway's tokens. The first key signs; every key verifies and is
 * published in the JWKS, so a key file holding a JWK set lets operators rotate keys without
 * invalidating tokens already issued.
 */
public final class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final int KEY_SIZE = 2048;

    private final RSAKey signingKey;
    private final Map<String, RSAKey> byKid = new LinkedHashMap<>();

    private SigningKeys(List<RSAKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no RSA key");
        }
        for (RSAKey key : keys) {
            if (key.getKeyID() == null) {
                throw new IllegalArgumentException("every key needs a kid");
            }
            byKid.put(key.getKeyID(), key);
        }
        this.signingKey = keys.get(0);
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("the first key signs, so it must include its private part");
        }
    }

    /** A fresh key held only in memory. */
    public static SigningKeys generate() {
        return new SigningKeys(List.of(newKey()));
    }

    /**
     * The keys in {@code file}, a JWK or a JWK set. A missing file is created with a new key,
     * readable by the owner only; if another replica creates it first, that one is used.
     */
    public static SigningKeys fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            } else if (worldReadable(file)) {
                LOG.warn("Signing key file {} is readable by every user of the machine; restrict it (chmod 600)", file);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key file " + file, e);
        }
    }

    static SigningKeys parse(String json) {
        try {
            Map<String, Object> object = JSONObjectUtils.parse(json);
            List<JWK> jwks = object.containsKey("keys") ? JWKSet.parse(object).getKeys() : List.of(JWK.parse(object));
            List<RSAKey> keys = new ArrayList<>();
            for (JWK jwk : jwks) {
                if (!(jwk instanceof RSAKey rsa)) {
                    throw new IllegalArgumentException("signing keys must be RSA keys, found " + jwk.getKeyType());
                }
                keys.add(rsa.getKeyID() != null ? rsa
                        : new RSAKey.Builder(rsa).keyID(rsa.computeThumbprint().toString()).build());
            }
            return new SigningKeys(keys);
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("not a JWK or JWK set: " + e.getMessage(), e);
        }
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    public Optional<RSAKey> find(String kid) {
        return Optional.ofNullable(kid == null ? null : byKid.get(kid));
    }

    /** What {@code /.well-known/jwks.json} serves: public parts only. */
    public JWKSet publicKeys() {
        return new JWKSet(new ArrayList<JWK>(byKid.values())).toPublicJWKSet();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(KEY_SIZE).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = ownerOnlyTempFile(dir);
        try {
            Files.writeString(temp, newKey().toJSONString(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Created signing key file {}", file);
        } catch (FileAlreadyExistsException e) {
            LOG.info("Signing key file {} was created concurrently; using it", file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".jwk", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".jwk", ".tmp");
        }
    }

    /** Group-readable is fine: Kubernetes mounts secrets 0440 for the pod's fsGroup. */
    private static boolean worldReadable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
