package dev.agenticchat.agent.credentials;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code provider_credentials} table; callers run it inside their transaction. */
@Singleton
class CredentialRepository implements SealedSecrets {
    private static final String SELECT = """
            SELECT c.id, c.tenant_id, c.agent_id, a.slug, c.provider, c.key_id, c.nonce, c.ciphertext, c.updated_by, c.updated_at
            FROM provider_credentials c LEFT JOIN agents a ON a.id = c.agent_id""";

    private final JdbcOperations jdbc;

    CredentialRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One row; {@code agentSlug} is null for a tenant's credential. */
    record Stored(UUID id, CredentialScope scope, @Nullable String agentSlug, CredentialCipher.Sealed sealed,
                  @Nullable String updatedBy, Instant updatedAt) {
    }

    /** The tenant's own first, then the agents' by slug; each by provider. */
    List<Stored> all(String tenantId) {
        return many(SELECT + " WHERE c.tenant_id = ? ORDER BY c.agent_id IS NOT NULL, a.slug, c.provider", statement ->
                statement.setString(1, tenantId));
    }

    /** The agent's own (if any) first, then the tenant's (if any). */
    List<Stored> forAgent(String tenantId, @Nullable UUID agentId, String provider) {
        return many(SELECT + " WHERE c.tenant_id = ? AND c.provider = ? AND (c.agent_id = ? OR c.agent_id IS NULL)"
                + " ORDER BY c.agent_id NULLS LAST", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, provider);
            setUuid(statement, 3, agentId);
        });
    }

    /** Writes the scope's credential, replacing the one it had; true when it had none. */
    boolean upsert(CredentialScope scope, CredentialCipher.Sealed sealed, @Nullable String updatedBy, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        String conflict = scope.agentId() == null ? "(tenant_id, provider) WHERE agent_id IS NULL"
                : "(tenant_id, agent_id, provider) WHERE agent_id IS NOT NULL";
        UUID written = jdbc.prepareStatement("""
                INSERT INTO provider_credentials (id, tenant_id, agent_id, provider, key_id, nonce, ciphertext, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT %s DO UPDATE SET key_id = EXCLUDED.key_id, nonce = EXCLUDED.nonce,
                    ciphertext = EXCLUDED.ciphertext, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                RETURNING id""".formatted(conflict), statement -> {
            statement.setObject(1, id);
            statement.setString(2, scope.tenantId());
            setUuid(statement, 3, scope.agentId());
            statement.setString(4, scope.provider());
            statement.setString(5, sealed.keyId());
            statement.setBytes(6, sealed.nonce());
            statement.setBytes(7, sealed.ciphertext());
            statement.setString(8, updatedBy);
            statement.setTimestamp(9, Timestamp.from(updatedAt));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject("id", UUID.class);
            }
        });
        return id.equals(written);
    }

    /** False when the scope had no credential for the provider. */
    boolean delete(CredentialScope scope) {
        return jdbc.prepareStatement("""
                DELETE FROM provider_credentials
                WHERE tenant_id = ? AND provider = ? AND agent_id IS NOT DISTINCT FROM ?""", statement -> {
            statement.setString(1, scope.tenantId());
            statement.setString(2, scope.provider());
            setUuid(statement, 3, scope.agentId());
            return statement.executeUpdate();
        }) > 0;
    }

    /**
     * Up to {@code limit} rows after {@code after} (by id) sealed with one of {@code oldKeyIds},
     * locked; rows another replica holds are skipped, not waited for.
     */
    @Override
    public List<Row> sealedWithForUpdate(Collection<String> oldKeyIds, UUID after, int limit) {
        return many(SELECT + " WHERE c.key_id = ANY (?) AND c.id > ? ORDER BY c.id LIMIT ? FOR UPDATE OF c SKIP LOCKED",
                statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("text", oldKeyIds.toArray(String[]::new)));
                    statement.setObject(2, after);
                    statement.setInt(3, limit);
                }).stream().map(stored -> new Row(stored.id(), stored.sealed(), stored.scope().additionalData(),
                        stored.scope().kind() + " " + stored.scope().provider() + " of tenant " + stored.scope().tenantId()))
                .toList();
    }

    @Override
    public String kind() {
        return "provider credential";
    }

    @Override
    public void reseal(UUID id, CredentialCipher.Sealed sealed) {
        jdbc.prepareStatement("UPDATE provider_credentials SET key_id = ?, nonce = ?, ciphertext = ? WHERE id = ?", statement -> {
            statement.setString(1, sealed.keyId());
            statement.setBytes(2, sealed.nonce());
            statement.setBytes(3, sealed.ciphertext());
            statement.setObject(4, id);
            return statement.executeUpdate();
        });
    }

    /** How many rows each key id outside {@code configured} sealed. */
    @Override
    public Map<String, Long> countSealedWithOther(Collection<String> configured) {
        return jdbc.prepareStatement("""
                SELECT key_id, count(*) AS n FROM provider_credentials WHERE key_id <> ALL (?) GROUP BY key_id ORDER BY key_id""",
                statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("text", configured.toArray(String[]::new)));
                    Map<String, Long> counts = new LinkedHashMap<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            counts.put(rs.getString("key_id"), rs.getLong("n"));
                        }
                    }
                    return counts;
                });
    }

    private List<Stored> many(String sql, Parameters parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            parameters.set(statement);
            List<Stored> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        });
    }

    private static Stored read(ResultSet rs) throws SQLException {
        CredentialScope scope = new CredentialScope(rs.getString("tenant_id"), rs.getObject("agent_id", UUID.class),
                rs.getString("provider"));
        return new Stored(rs.getObject("id", UUID.class), scope, rs.getString("slug"),
                new CredentialCipher.Sealed(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")),
                rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
    }

    private static void setUuid(PreparedStatement statement, int index, @Nullable UUID value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }
}
