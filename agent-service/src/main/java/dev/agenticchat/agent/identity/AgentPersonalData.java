package dev.agenticchat.agent.identity;

import dev.agenticchat.support.identity.PersonalData;
import dev.agenticchat.support.identity.Statements;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Everything agent-service keeps about a user: their turns (with the message and the answer)
 * and, per turn, the tool calls (arguments and results) and the citations; the LLM request log
 * of their turns and summaries;
 * the summaries of their threads (with the lead profile), their threads' running summaries (the
 * context window's) and their threads' activity; the budgets
 * set on them by name and the budget alerts about them; and, for a tenant admin, their name on the
 * agent versions and budgets they made, the provider credentials they set and the audit log
 * entries of what they did.
 */
@Singleton
class AgentPersonalData implements PersonalData {
    private static final List<String> PER_TURN = List.of("tool_calls", "turn_citations");
    private static final List<String> PER_USER = List.of("llm_requests", "conversation_summaries", "thread_activity",
            "context_summaries");

    private final JdbcOperations jdbc;

    AgentPersonalData(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        for (String table : PER_USER) {
            update("UPDATE " + table + " SET user_id = ? WHERE tenant_id = ? AND user_id = ?", toUserId, tenantId, fromUserId);
        }
        moveBudgets(tenantId, fromUserId, toUserId);
        return update("UPDATE turns SET user_id = ? WHERE tenant_id = ? AND user_id = ?", toUserId, tenantId, fromUserId);
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int erase(String tenantId, List<String> userIds, String emailSha256) {
        int turns = 0;
        for (String userId : userIds) {
            for (String table : PER_TURN) {
                update("DELETE FROM " + table + " WHERE turn_id IN (SELECT id FROM turns WHERE tenant_id = ? AND user_id = ?)",
                        tenantId, userId);
            }
            for (String table : PER_USER) {
                update("DELETE FROM " + table + " WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
            }
            turns += update("DELETE FROM turns WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
            // An erased tenant admin's agent changes, provider credentials, MCP servers and audit entries stay, no longer
            // naming them.
            update("""
                    UPDATE agent_versions SET changed_by = NULL
                    WHERE changed_by = ? AND agent_id IN (SELECT id FROM agents WHERE tenant_id = ?)""", userId, tenantId);
            update("UPDATE provider_credentials SET updated_by = NULL WHERE updated_by = ? AND tenant_id = ?", userId, tenantId);
            update("UPDATE mcp_servers SET updated_by = NULL WHERE updated_by = ? AND tenant_id = ?", userId, tenantId);
            update("UPDATE audit_log SET actor = NULL WHERE actor = ? AND tenant_id = ?", userId, tenantId);
            eraseBudgets(tenantId, userId);
        }
        return turns;
    }

    /** A budget set on the person wins over the session's of the same period and metric; alerts likewise. */
    private void moveBudgets(String tenantId, String fromUserId, String toUserId) {
        update("""
                DELETE FROM budgets s WHERE s.tenant_id = ? AND s.scope = 'user' AND s.user_id = ? AND EXISTS (
                    SELECT 1 FROM budgets p WHERE p.tenant_id = s.tenant_id AND p.scope = 'user' AND p.user_id = ?
                      AND p.period = s.period AND p.metric = s.metric)""", tenantId, fromUserId, toUserId);
        update("UPDATE budgets SET user_id = ? WHERE tenant_id = ? AND scope = 'user' AND user_id = ?",
                toUserId, tenantId, fromUserId);
        update("""
                DELETE FROM budget_alerts s WHERE s.user_id = ? AND s.budget_id IN (SELECT id FROM budgets WHERE tenant_id = ?)
                  AND EXISTS (SELECT 1 FROM budget_alerts p WHERE p.budget_id = s.budget_id AND p.user_id = ?
                                AND p.period_start = s.period_start AND p.threshold = s.threshold)""",
                fromUserId, tenantId, toUserId);
        update("UPDATE budget_alerts SET user_id = ? WHERE user_id = ? AND budget_id IN (SELECT id FROM budgets WHERE tenant_id = ?)",
                toUserId, fromUserId, tenantId);
    }

    /** An erased admin's budgets stay, no longer naming who set them. */
    private void eraseBudgets(String tenantId, String userId) {
        update("DELETE FROM budgets WHERE tenant_id = ? AND scope = 'user' AND user_id = ?", tenantId, userId);
        update("DELETE FROM budget_alerts WHERE user_id = ? AND budget_id IN (SELECT id FROM budgets WHERE tenant_id = ?)",
                userId, tenantId);
        update("UPDATE budgets SET created_by = NULL WHERE tenant_id = ? AND created_by = ?", tenantId, userId);
        update("UPDATE budgets SET updated_by = NULL WHERE tenant_id = ? AND updated_by = ?", tenantId, userId);
    }

    private int update(String sql, String... values) {
        return Statements.update(jdbc, sql, values);
    }
}
