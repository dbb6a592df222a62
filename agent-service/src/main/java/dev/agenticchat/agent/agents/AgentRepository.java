package dev.agenticchat.agent.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code agents} and {@code agent_versions} tables; callers run it inside their transaction. */
@Singleton
class AgentRepository {
    private static final String CURRENT = """
            SELECT a.id, a.tenant_id, a.slug, a.is_default, v.version, v.name, v.description, v.status, v.provider,
                   v.model, v.system_prompt, v.temperature, v.max_output_tokens, v.context_tokens, v.tools,
                   v.knowledge_base_ids, v.mcp_servers, v.reasoning, v.fallbacks, v.input_price_per_thousand_tokens,
                   v.output_price_per_thousand_tokens,
                   v.changed_by, v.changed_at
            FROM agents a JOIN agent_versions v ON v.agent_id = a.id AND v.version = a.current_version""";

    private static final Argument<List<Fallback>> FALLBACKS = Argument.listOf(Fallback.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    AgentRepository(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<AgentVersion> current(String tenantId, String slug) {
        return one(CURRENT + " WHERE a.tenant_id = ? AND a.slug = ?", tenantId, slug);
    }

    Optional<AgentVersion> currentDefault(String tenantId) {
        return one(CURRENT + " WHERE a.tenant_id = ? AND a.is_default", tenantId);
    }

    /** The default agent first, then by slug. */
    List<AgentVersion> all(String tenantId) {
        return many(CURRENT + " WHERE a.tenant_id = ? ORDER BY a.is_default DESC, a.slug", tenantId);
    }

    /** Newest first. */
    List<AgentVersion> versions(UUID agentId) {
        return many("""
                SELECT a.id, a.tenant_id, a.slug, a.is_default, v.version, v.name, v.description, v.status, v.provider,
                       v.model, v.system_prompt, v.temperature, v.max_output_tokens, v.context_tokens, v.tools,
                       v.knowledge_base_ids, v.mcp_servers, v.reasoning, v.fallbacks, v.input_price_per_thousand_tokens,
                       v.output_price_per_thousand_tokens,
                       v.changed_by, v.changed_at
                FROM agents a JOIN agent_versions v ON v.agent_id = a.id
                WHERE a.id = ?::uuid ORDER BY v.version DESC""", agentId.toString());
    }

    /** False when the tenant already has an agent with this slug (or, for a default one, a default agent). */
    boolean insert(AgentVersion first) {
        int inserted = jdbc.prepareStatement("""
                INSERT INTO agents (id, tenant_id, slug, is_default, current_version, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setObject(1, first.agentId());
            statement.setString(2, first.tenantId());
            statement.setString(3, first.slug());
            statement.setBoolean(4, first.isDefault());
            statement.setInt(5, first.version());
            statement.setTimestamp(6, Timestamp.from(first.changedAt()));
            return statement.executeUpdate();
        });
        if (inserted == 0) {
            return false;
        }
        insertVersion(first);
        return true;
    }

    /** Adds the version and makes it the current one. */
    void insertVersion(AgentVersion version) {
        String fallbacks = toJson(version.fallbacks());
        jdbc.prepareStatement("""
                INSERT INTO agent_versions (agent_id, version, name, description, status, provider, model, system_prompt,
                                            temperature, max_output_tokens, tools, knowledge_base_ids, reasoning, fallbacks,
                                            input_price_per_thousand_tokens, output_price_per_thousand_tokens,
                                            changed_by, changed_at, context_tokens, mcp_servers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""", statement -> {
            Connection connection = statement.getConnection();
            statement.setObject(1, version.agentId());
            statement.setInt(2, version.version());
            statement.setString(3, version.name());
            statement.setString(4, version.description());
            statement.setString(5, version.status());
            statement.setString(6, version.provider());
            statement.setString(7, version.model());
            statement.setString(8, version.systemPrompt());
            setNullable(statement, 9, version.temperature(), Types.DOUBLE);
            setNullable(statement, 10, version.maxOutputTokens(), Types.INTEGER);
            statement.setArray(11, version.tools() == null ? null
                    : connection.createArrayOf("text", version.tools().toArray(String[]::new)));
            statement.setArray(12, connection.createArrayOf("text", version.knowledgeBaseIds().toArray(String[]::new)));
            statement.setBoolean(13, version.reasoning());
            statement.setString(14, fallbacks);
            statement.setBigDecimal(15, version.inputPricePerThousandTokens());
            statement.setBigDecimal(16, version.outputPricePerThousandTokens());
            statement.setString(17, version.changedBy());
            statement.setTimestamp(18, Timestamp.from(version.changedAt()));
            setNullable(statement, 19, version.contextTokens(), Types.INTEGER);
            statement.setArray(20, connection.createArrayOf("text", version.mcpServers().toArray(String[]::new)));
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE agents SET current_version = ? WHERE id = ?", statement -> {
            statement.setInt(1, version.version());
            statement.setObject(2, version.agentId());
            return statement.executeUpdate();
        });
    }

    /** Locks the agent's row, so two changes at once make two versions one after the other. */
    Optional<AgentVersion> currentForUpdate(String tenantId, String slug) {
        return one(CURRENT + " WHERE a.tenant_id = ? AND a.slug = ? FOR UPDATE OF a", tenantId, slug);
    }

    void delete(UUID agentId) {
        jdbc.prepareStatement("DELETE FROM agents WHERE id = ?", statement -> {
            statement.setObject(1, agentId);
            return statement.executeUpdate();
        });
    }

    private Optional<AgentVersion> one(String sql, String... parameters) {
        List<AgentVersion> found = many(sql, parameters);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<AgentVersion> many(String sql, String... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<AgentVersion> versions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    versions.add(read(rs));
                }
            }
            return versions;
        });
    }

    private AgentVersion read(ResultSet rs) throws SQLException {
        double temperature = rs.getDouble("temperature");
        Double boxedTemperature = rs.wasNull() ? null : temperature;
        int maxOutputTokens = rs.getInt("max_output_tokens");
        Integer boxedMax = rs.wasNull() ? null : maxOutputTokens;
        int contextTokens = rs.getInt("context_tokens");
        Integer boxedContext = rs.wasNull() ? null : contextTokens;
        List<String> tools = strings(rs.getArray("tools"));
        return new AgentVersion(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("slug"),
                rs.getBoolean("is_default"), rs.getInt("version"), rs.getString("name"), rs.getString("description"),
                rs.getString("status"), rs.getString("provider"), rs.getString("model"), rs.getString("system_prompt"),
                boxedTemperature, boxedMax, boxedContext, tools == null ? null : new LinkedHashSet<>(tools),
                List.copyOf(strings(rs.getArray("knowledge_base_ids"))), List.copyOf(strings(rs.getArray("mcp_servers"))),
                rs.getBoolean("reasoning"),
                fallbacks(rs.getString("fallbacks")), rs.getBigDecimal("input_price_per_thousand_tokens"),
                rs.getBigDecimal("output_price_per_thousand_tokens"), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant());
    }

    private String toJson(List<Fallback> fallbacks) {
        try {
            return json.writeValueAsString(fallbacks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Fallback> fallbacks(String stored) {
        try {
            return List.copyOf(json.readValue(stored, FALLBACKS));
        } catch (IOException e) {
            throw new UncheckedIOException("agent_versions.fallbacks is not a list of fallbacks: " + stored, e);
        }
    }

    @Nullable
    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable Object value, int sqlType)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value);
        }
    }
}
