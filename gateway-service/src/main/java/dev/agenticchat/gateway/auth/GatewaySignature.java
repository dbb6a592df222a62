package dev.agenticchat.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Lets micronaut-security-jwt validate the gateway's own tokens (HTTP and WebSocket) with
 * the keys in memory, by {@code kid}; other services fetch the same keys from the JWKS URL.
 */
@Singleton
@Named("gateway")
class GatewaySignature implements SignatureConfiguration {
    private final SigningKeys keys;

    GatewaySignature(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the RS256 algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.RS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        Optional<com.nimbusds.jose.jwk.RSAKey> key = keys.find(jwt.getHeader().getKeyID());
        return key.isPresent() && jwt.verify(new RSASSAVerifier(key.get().toRSAPublicKey()));
    }
}
