package dev.agenticchat.agent.mcp;

import dev.agenticchat.agent.credentials.CredentialCipher;
import dev.agenticchat.agent.credentials.SealedSecrets;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code mcp_servers} table; callers run it inside their transaction. */
@Singleton
class McpServerRepository implements SealedSecrets {
    private static final String SELECT = """
            SELECT id, tenant_id, slug, name, url, transport, header_names, key_id, nonce, ciphertext, enabled, updated_by,
                   created_at, updated_at
            FROM mcp_servers""";

    private final JdbcOperations jdbc;

    McpServerRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** By slug. */
    List<McpServer> all(String tenantId) {
        return many(SELECT + " WHERE tenant_id = ? ORDER BY slug", statement -> statement.setString(1, tenantId));
    }

    Optional<McpServer> find(String tenantId, String slug) {
        return many(SELECT + " WHERE tenant_id = ? AND slug = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, slug);
        }).stream().findFirst();
    }

    Optional<McpServer> findForUpdate(String tenantId, String slug) {
        return many(SELECT + " WHERE tenant_id = ? AND slug = ? FOR UPDATE", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, slug);
        }).stream().findFirst();
    }

    /** The tenant's servers of these slugs, by slug. */
    List<McpServer> withSlugs(String tenantId, Collection<String> slugs) {
        return many(SELECT + " WHERE tenant_id = ? AND slug = ANY (?) ORDER BY slug", statement -> {
            statement.setString(1, tenantId);
            statement.setArray(2, statement.getConnection().createArrayOf("text", slugs.toArray(String[]::new)));
        });
    }

    /** False when the tenant already has a server of this slug. */
    boolean insert(McpServer server) {
        return jdbc.prepareStatement("""
                INSERT INTO mcp_servers (id, tenant_id, slug, name, url, transport, header_names, key_id, nonce, ciphertext,
                                         enabled, updated_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setObject(1, server.id());
            statement.setString(2, server.tenantId());
            statement.setString(3, server.slug());
            setFields(statement, server, 4);
            statement.setTimestamp(13, Timestamp.from(server.createdAt()));
            statement.setTimestamp(14, Timestamp.from(server.updatedAt()));
            return statement.executeUpdate();
        }) > 0;
    }

    void update(McpServer server) {
        jdbc.prepareStatement("""
                UPDATE mcp_servers SET name = ?, url = ?, transport = ?, header_names = ?, key_id = ?, nonce = ?, ciphertext = ?,
                                       enabled = ?, updated_by = ?, updated_at = ?
                WHERE id = ?""", statement -> {
            setFields(statement, server, 1);
            statement.setTimestamp(10, Timestamp.from(server.updatedAt()));
            statement.setObject(11, server.id());
            return statement.executeUpdate();
        });
    }

    void delete(UUID id) {
        jdbc.prepareStatement("DELETE FROM mcp_servers WHERE id = ?", statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        });
    }

    @Override
    public String kind() {
        return "MCP server header set";
    }

    @Override
    public List<Row> sealedWithForUpdate(Collection<String> keyIds, UUID after, int limit) {
        return many(SELECT + " WHERE key_id = ANY (?) AND id > ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", keyIds.toArray(String[]::new)));
            statement.setObject(2, after);
            statement.setInt(3, limit);
        }).stream().map(server -> new Row(server.id(), server.headers(), server.additionalData(),
                "MCP server " + server.slug() + " of tenant " + server.tenantId())).toList();
    }

    /** Leaves updated_at alone: the headers are the same, and connections keyed by it stay valid. */
    @Override
    public void reseal(UUID id, CredentialCipher.Sealed sealed) {
        jdbc.prepareStatement("UPDATE mcp_servers SET key_id = ?, nonce = ?, ciphertext = ? WHERE id = ?", statement -> {
            statement.setString(1, sealed.keyId());
            statement.setBytes(2, sealed.nonce());
            statement.setBytes(3, sealed.ciphertext());
            statement.setObject(4, id);
            return statement.executeUpdate();
        });
    }

    @Override
    public Map<String, Long> countSealedWithOther(Collection<String> configured) {
        return jdbc.prepareStatement("""
                SELECT key_id, count(*) AS n FROM mcp_servers WHERE key_id <> ALL (?) GROUP BY key_id ORDER BY key_id""",
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

    /** name, url, transport, header_names, key_id, nonce, ciphertext, enabled, updated_by from {@code first} on. */
    private static void setFields(PreparedStatement statement, McpServer server, int first) throws SQLException {
        statement.setString(first, server.name());
        statement.setString(first + 1, server.url());
        statement.setString(first + 2, server.transport());
        statement.setArray(first + 3, statement.getConnection().createArrayOf("text", server.headerNames().toArray(String[]::new)));
        statement.setString(first + 4, server.headers().keyId());
        statement.setBytes(first + 5, server.headers().nonce());
        statement.setBytes(first + 6, server.headers().ciphertext());
        statement.setBoolean(first + 7, server.enabled());
        statement.setString(first + 8, server.updatedBy());
    }

    private List<McpServer> many(String sql, Parameters parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            parameters.set(statement);
            List<McpServer> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        });
    }

    private static McpServer read(ResultSet rs) throws SQLException {
        Array names = rs.getArray("header_names");
        return new McpServer(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("slug"), rs.getString("name"),
                rs.getString("url"), rs.getString("transport"), List.copyOf(Arrays.asList((String[]) names.getArray())),
                new CredentialCipher.Sealed(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")),
                rs.getBoolean("enabled"), rs.getString("updated_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }
}
