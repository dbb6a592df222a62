package dev.agenticchat.support.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.agenticchat.support.security.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A key pair whose JWKS is served over real HTTP, standing in for the gateway when a
 * single service is tested on its own. Tokens have the gateway's shape: {@code sub},
 * {@code tenant}, {@code roles}. (The end-to-end tests use the real gateway.)
 */
public final class TestJwks implements AutoCloseable {
    private final RSAKey key;
    private final HttpServer server;

    private TestJwks(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    public static TestJwks start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return new TestJwks(key, server);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public String token(String tenantId, String userId) {
        return token(tenantId, userId, Instant.now().plusSeconds(900));
    }

    public String token(String tenantId, String userId, Instant expiresAt) {
        return token(tenantId, userId, expiresAt, Role.VISITOR);
    }

    /** A token with these roles, e.g. {@code Role.PERSON, Role.TENANT_ADMIN} for a tenant administrator. */
    public String token(String tenantId, String userId, Role... roles) {
        return token(tenantId, userId, Instant.now().plusSeconds(900), roles);
    }

    public String token(String tenantId, String userId, Instant expiresAt, Role... roles) {
        return token(tenantId, userId, expiresAt, Map.of(), roles);
    }

    /** A person's token right after a link: {@code merged} names the sessions just linked into them. */
    public String linkedPersonToken(String tenantId, String personId, List<String> merged) {
        return token(tenantId, personId, Instant.now().plusSeconds(900), Map.of("merged", merged), Role.PERSON);
    }

    private String token(String tenantId, String userId, Instant expiresAt, Map<String, Object> extra, Role... roles) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            extra.forEach(builder::claim);
            JWTClaimsSet claims = builder
                    .subject(userId)
                    .claim("tenant", tenantId)
                    .claim("roles", Arrays.stream(roles).map(Role::claim).toList())
                    .issuer("agentic-chat-gateway")
                    .issueTime(new Date())
                    .expirationTime(Date.from(expiresAt))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
