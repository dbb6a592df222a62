package dev.agenticchat.artifact.version;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The versions of an artifact; callers check ownership of the artifact first. */
@Singleton
public class VersionRepository {
    private static final Argument<Map<String, Object>> CONTENT = Argument.mapOf(String.class, Object.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    VersionRepository(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Newest first. */
    List<VersionSummary> list(UUID artifactId) {
        return jdbc.prepareStatement("""
                SELECT version, status, created_at, turn_id FROM artifact_versions
                WHERE artifact_id = ? ORDER BY version DESC""", statement -> {
            statement.setObject(1, artifactId);
            List<VersionSummary> versions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    versions.add(new VersionSummary(rs.getInt("version"), rs.getString("status"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("turn_id")));
                }
            }
            return versions;
        });
    }

    public Optional<StoredVersion> find(UUID artifactId, int version) {
        return jdbc.prepareStatement("""
                SELECT version, status, created_at, turn_id, content::text AS content FROM artifact_versions
                WHERE artifact_id = ? AND version = ?""", statement -> {
            statement.setObject(1, artifactId);
            statement.setInt(2, version);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    /** The version of the artifact made with this Idempotency-Key, if any. */
    Optional<Integer> madeWith(UUID artifactId, String key) {
        return jdbc.prepareStatement("SELECT version FROM artifact_versions WHERE artifact_id = ? AND creation_key = ?",
                statement -> {
                    statement.setObject(1, artifactId);
                    statement.setString(2, key);
                    try (ResultSet rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                    }
                });
    }

    void setCreationKey(UUID artifactId, int version, String key) {
        jdbc.prepareStatement("UPDATE artifact_versions SET creation_key = ? WHERE artifact_id = ? AND version = ?",
                statement -> {
                    statement.setString(1, key);
                    statement.setObject(2, artifactId);
                    statement.setInt(3, version);
                    return statement.executeUpdate();
                });
    }

    private StoredVersion read(ResultSet rs) throws SQLException {
        VersionSummary summary = new VersionSummary(rs.getInt("version"), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("turn_id"));
        try {
            return new StoredVersion(summary, json.readValue(rs.getString("content"), CONTENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
