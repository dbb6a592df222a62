package dev.agenticchat.artifact.share;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Share links; callers check ownership of the artifact first. */
@Singleton
class ShareRepository {
    private final JdbcOperations jdbc;

    ShareRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID artifactId, byte[] tokenHash, Instant createdAt, @Nullable Instant expiresAt) {
        jdbc.prepareStatement("""
                INSERT INTO artifact_shares (id, artifact_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)""",
                statement -> {
                    statement.setObject(1, id);
                    statement.setObject(2, artifactId);
                    statement.setBytes(3, tokenHash);
                    statement.setObject(4, utc(createdAt));
                    statement.setObject(5, expiresAt == null ? null : utc(expiresAt));
                    return statement.executeUpdate();
                });
    }

    /** The links not revoked, newest first, expired ones included. */
    List<ShareView> list(UUID artifactId, Instant now) {
        return jdbc.prepareStatement("""
                SELECT id, created_at, expires_at FROM artifact_shares
                WHERE artifact_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id""", statement -> {
            statement.setObject(1, artifactId);
            List<ShareView> shares = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Instant expiresAt = instant(rs.getObject("expires_at", OffsetDateTime.class));
                    shares.add(new ShareView(rs.getObject("id", UUID.class),
                            instant(rs.getObject("created_at", OffsetDateTime.class)), expiresAt,
                            expiresAt != null && !expiresAt.isAfter(now)));
                }
            }
            return shares;
        });
    }

    /** Whether a link of that artifact was revoked now (false: no such link, or revoked before). */
    boolean revoke(UUID artifactId, UUID shareId, Instant now) {
        return jdbc.prepareStatement("""
                UPDATE artifact_shares SET revoked_at = ? WHERE id = ? AND artifact_id = ? AND revoked_at IS NULL""",
                statement -> {
                    statement.setObject(1, utc(now));
                    statement.setObject(2, shareId);
                    statement.setObject(3, artifactId);
                    return statement.executeUpdate() == 1;
                });
    }

    /** The artifact a live link (neither revoked nor expired) points at. */
    Optional<UUID> findLiveArtifact(byte[] tokenHash, Instant now) {
        return jdbc.prepareStatement("""
                SELECT artifact_id FROM artifact_shares
                WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)""", statement -> {
            statement.setBytes(1, tokenHash);
            statement.setObject(2, utc(now));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
