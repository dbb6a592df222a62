package dev.agenticchat.artifact.artifact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Artifacts and their versions. Every read is scoped to an owner (tenant and user), so a
 * foreign id reads as absent.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
abstract class ArtifactRepository implements GenericRepository<Artifact, UUID> {
    private static final Argument<Map<String, Object>> CONTENT = Argument.mapOf(String.class, Object.class);
    private static final String SELECT_OWNED = """
            SELECT a.id, a.tenant_id, a.user_id, a.thread_id, a.turn_id, a.type, a.title, a.status, a.current_version,
                   a.created_at, a.updated_at, v.content::text AS content
            FROM artifacts a
            JOIN artifact_versions v ON v.artifact_id = a.id AND v.version = a.current_version
            WHERE a.tenant_id = ? AND a.user_id = ?""";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    ArtifactRepository(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    abstract Artifact save(Artifact artifact);

    @Query("""
            INSERT INTO artifact_versions (artifact_id, version, content, created_at)
            VALUES (:artifactId, :version, CAST(:content AS jsonb), :createdAt)""")
    abstract void insertVersion(UUID artifactId, int version, String content, Instant createdAt);

    Optional<StoredArtifact> findOwned(String tenantId, String userId, UUID id) {
        return jdbc.prepareStatement(SELECT_OWNED + " AND a.id = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, userId);
            statement.setObject(3, id);
            return read(statement).stream().findFirst();
        });
    }

    /** The owner's artifacts newest first, optionally of one type and/or thread, strictly after {@code after}. */
    List<StoredArtifact> findOwnedPage(String tenantId, String userId, @Nullable String type, @Nullable String threadId,
                                       @Nullable PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder(SELECT_OWNED);
        List<Object> parameters = new ArrayList<>(List.of(tenantId, userId));
        if (type != null) {
            sql.append(" AND a.type = ?");
            parameters.add(type);
        }
        if (threadId != null) {
            sql.append(" AND a.thread_id = ?");
            parameters.add(threadId);
        }
        if (after != null) {
            sql.append(" AND (a.created_at, a.id) < (?, ?)");
            parameters.add(OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
            parameters.add(after.id());
        }
        sql.append(" ORDER BY a.created_at DESC, a.id DESC LIMIT ?");
        parameters.add(limit);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return read(statement);
        });
    }

    private List<StoredArtifact> read(PreparedStatement statement) throws SQLException {
        List<StoredArtifact> found = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found.add(new StoredArtifact(jdbc.readEntity(rs, Artifact.class), content(rs.getString("content"))));
            }
        }
        return found;
    }

    private Map<String, Object> content(String text) {
        try {
            return json.readValue(text, CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
