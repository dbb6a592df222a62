package dev.agenticchat.agent.audit;

import dev.agenticchat.support.paging.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code audit_log} table, newest first. */
@Singleton
class AuditRepository {
    private static final Argument<Map<String, Object>> DETAILS = Argument.mapOf(String.class, Object.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    AuditRepository(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(AuditEntry entry) {
        String details = toJson(entry.details());
        jdbc.prepareStatement("""
                INSERT INTO audit_log (id, tenant_id, type, agent_id, agent_slug, actor, summary, details, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""", statement -> {
            statement.setObject(1, entry.id());
            statement.setString(2, entry.tenantId());
            statement.setString(3, entry.type());
            statement.setObject(4, entry.agentId());
            statement.setString(5, entry.agentSlug());
            statement.setString(6, entry.actor());
            statement.setString(7, entry.summary());
            statement.setString(8, details);
            statement.setTimestamp(9, Timestamp.from(entry.occurredAt()));
            return statement.executeUpdate();
        });
    }

    /** Up to {@code limit} entries of the tenant matching the filter, after the cursor. */
    List<AuditEntry> find(String tenantId, AuditFilter filter, @Nullable PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, tenant_id, type, agent_id, agent_slug, actor, summary, details::text AS details, occurred_at
                FROM audit_log WHERE tenant_id = ?""");
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        if (filter.agentSlug() != null) {
            sql.append(" AND agent_slug = ?");
            parameters.add(filter.agentSlug());
        }
        if (filter.type() != null) {
            sql.append(" AND type = ?");
            parameters.add(filter.type());
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (?, ?)");
            parameters.add(Timestamp.from(after.time()));
            parameters.add(after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
            return entries;
        });
    }

    private AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("type"),
                rs.getObject("agent_id", UUID.class), rs.getString("agent_slug"), rs.getString("actor"),
                rs.getString("summary"), fromJson(rs.getString("details")), rs.getTimestamp("occurred_at").toInstant());
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> fromJson(String details) {
        try {
            return json.readValue(details, DETAILS);
        } catch (IOException e) {
            throw new UncheckedIOException("audit_log.details is not a JSON object: " + details, e);
        }
    }
}
