package dev.agenticchat.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.Role;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Mints the short-lived RS256 access tokens every service accepts: {@code sub}, {@code tenant}, {@code roles}. */
@Singleton
class AccessTokens {
    static final List<String> VISITOR_ROLES = List.of(Role.VISITOR.claim());
    static final List<String> PERSON_ROLES = List.of(Role.PERSON.claim());
    static final List<String> TENANT_ADMIN_ROLES = List.of(Role.PERSON.claim(), Role.TENANT_ADMIN.claim());

    private final SigningKeys keys;
    private final JWSSigner signer;
    private final String issuer;
    private final Duration ttl;

    AccessTokens(SigningKeys keys, AuthSettings settings) throws JOSEException {
        this.keys = keys;
        this.signer = new RSASSASigner(keys.signingKey());
        this.issuer = settings.issuer();
        this.ttl = settings.accessTokenTtl();
    }

    Duration ttl() {
        return ttl;
    }

    String issue(UUID userId, UUID tenantId, List<String> roles) {
        return issue(userId, tenantId, roles, List.of());
    }

    /** {@code merged}: sessions just linked into this person, whose data services may not have moved yet. */
    String issue(UUID userId, UUID tenantId, List<String> roles, List<UUID> merged) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .claim(Caller.TENANT_CLAIM, tenantId.toString())
                .claim(Caller.ROLES_CLAIM, roles);
        if (!merged.isEmpty()) {
            builder.claim(Caller.MERGED_CLAIM, merged.stream().map(UUID::toString).toList());
        }
        JWTClaimsSet claims = builder
                .issuer(issuer)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keys.signingKey().getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }
}
