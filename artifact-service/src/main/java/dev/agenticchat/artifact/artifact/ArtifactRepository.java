package dev.agenticchat.artifact.artifact;

import dev.agenticchat.support.paging.PageCursor;
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
 * foreign id reads as absent; the one exception, {@link #findShared}, serves share links.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public abstract class ArtifactRepository implements GenericRepository<Artifact, UUID> {
    private static final Argument<Map<String, Object>> CONTENT = Argument.mapOf(String.class, Object.class);
    private static final String SELECT_CURRENT = """
            SELECT a.id, a.tenant_id, a.user_id, a.thread_id, a.turn_id, a.type, a.title, a.status, a.current_version,
                   a.created_at, a.updated_at, v.content::text AS content
            FROM artifacts a
            JOIN artifact_versions v ON v.artifact_id = a.id AND v.version = a.current_version""";
    private static final String SELECT_OWNED = SELECT_CURRENT + "\nWHERE a.tenant_id = ? AND a.user_id = ?";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    ArtifactRepository(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    abstract Artifact save(Artifact artifact);

    @Query("""
            INSERT INTO artifact_versions (artifact_id, version, content, status, turn_id, created_at)
            VALUES (:artifactId, :version, CAST(:content AS jsonb), :status, :turnId, :createdAt)""")
    public abstract void insertVersion(UUID artifactId, int version, String content, String status,
                                       @Nullable String turnId, Instant createdAt);

    /** Makes {@code version} the current one; the caller holds the row lock ({@link #lockOwned}). */
    @Query("""
            UPDATE artifacts SET current_version = :version, title = :title, status = :status, updated_at = :updatedAt
            WHERE id = :id""")
    public abstract void advance(UUID id, int version, String title, String status, Instant updatedAt);

    @Query("UPDATE artifacts SET creation_key = :key WHERE id = :id")
    public abstract void setCreationKey(UUID id, String key);

    /**
     * Holds creations with this key by this owner back until the transaction ends, so of two at once
     * the second finds what the first made.
     */
    public void lockCreationKey(String tenantId, String userId, String key) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ? || '/' || ?, 0))", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, userId);
            statement.setString(3, key);
            statement.executeQuery().close();
            return null;
        });
    }

    /** The owner's artifact created with this key, if any. */
    public Optional<StoredArtifact> findCreatedWith(String tenantId, String userId, String key) {
        return ownedWhere("a.creation_key = ?", tenantId, userId, key);
    }

    /** Deletes the artifact; its versions and share links go with it (ON DELETE CASCADE). */
    @Query("DELETE FROM artifacts WHERE id = :id")
    public abstract void delete(UUID id);

    /**
     * The owner's artifact, its row locked until the transaction ends: whoever changes an artifact
     * takes this lock first, so two concurrent changes are ordered and never share a version number.
     */
    public Optional<Artifact> lockOwned(String tenantId, String userId, UUID id) {
        return owned("SELECT * FROM artifacts WHERE tenant_id = ? AND user_id = ? AND id = ? FOR UPDATE", tenantId, userId, id);
    }

    /** The owner's artifact without its content. */
    public Optional<Artifact> findOwnedArtifact(String tenantId, String userId, UUID id) {
        return owned("SELECT * FROM artifacts WHERE tenant_id = ? AND user_id = ? AND id = ?", tenantId, userId, id);
    }

    private Optional<Artifact> owned(String sql, String tenantId, String userId, UUID id) {
        return jdbc.prepareStatement(sql,
                statement -> {
                    statement.setString(1, tenantId);
                    statement.setString(2, userId);
                    statement.setObject(3, id);
                    try (ResultSet rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(jdbc.readEntity(rs, Artifact.class)) : Optional.empty();
                    }
                });
    }

    /** Any artifact, whoever owns it: only for a share link that was checked before. */
    public Optional<StoredArtifact> findShared(UUID id) {
        return jdbc.prepareStatement(SELECT_CURRENT + " WHERE a.id = ?", statement -> {
            statement.setObject(1, id);
            return read(statement).stream().findFirst();
        });
    }

    public Optional<StoredArtifact> findOwned(String tenantId, String userId, UUID id) {
        return ownedWhere("a.id = ?", tenantId, userId, id);
    }

    private Optional<StoredArtifact> ownedWhere(String condition, String tenantId, String userId, Object value) {
        return jdbc.prepareStatement(SELECT_OWNED + " AND " + condition, statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, userId);
            statement.setObject(3, value);
            return read(statement).stream().findFirst();
        });
    }

    /** The owner's artifacts newest first, narrowed by {@code filter}, strictly after {@code after}. */
    List<StoredArtifact> findOwnedPage(String tenantId, String userId, ListFilter filter, @Nullable PageCursor after,
                                       int limit) {
        StringBuilder sql = new StringBuilder(SELECT_OWNED);
        List<Object> parameters = new ArrayList<>(List.of(tenantId, userId));
        if (filter.type() != null) {
            sql.append(" AND a.type = ?");
            parameters.add(filter.type());
        }
        if (filter.threadId() != null) {
            sql.append(" AND a.thread_id = ?");
            parameters.add(filter.threadId());
        }
        if (filter.status() != null) {
            sql.append(" AND a.status = ?");
            parameters.add(filter.status());
        }
        if (filter.query() != null) {
            // The expression of the artifact_versions_text index, so the index serves the search.
            sql.append(" AND jsonb_to_tsvector('simple'::regconfig, v.content, '[\"string\"]'::jsonb)"
                    + " @@ websearch_to_tsquery('simple'::regconfig, ?)");
            parameters.add(filter.query());
        }
        if (filter.createdAfter() != null) {
            sql.append(" AND a.created_at > ?");
            parameters.add(OffsetDateTime.ofInstant(filter.createdAfter(), ZoneOffset.UTC));
        }
        if (filter.createdBefore() != null) {
            sql.append(" AND a.created_at < ?");
            parameters.add(OffsetDateTime.ofInstant(filter.createdBefore(), ZoneOffset.UTC));
        }
        if (after != null) {
            sql.append(" AND (a.created_at, a.id) < (?, ?)");
            parameters.add(OffsetDateTime.ofInstant(after.time(), ZoneOffset.UTC));
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
