package dev.agenticchat.agent.audit;

import java.util.Set;

/** The kinds of audit log entries, as {@code ?type=} filters name them. */
public final class AuditTypes {
    public static final String AGENT_CREATED = "agent.created";
    public static final String AGENT_UPDATED = "agent.updated";
    public static final String AGENT_DELETED = "agent.deleted";
    public static final String CREDENTIAL_SET = "credential.set";
    public static final String CREDENTIAL_DELETED = "credential.deleted";
    public static final String PROVIDER_ERROR = "provider.error";
    public static final String BUDGET_THRESHOLD = "budget.threshold";
    public static final String BUDGET_EXCEEDED = "budget.exceeded";
    public static final String MCP_SERVER_CREATED = "mcp_server.created";
    public static final String MCP_SERVER_UPDATED = "mcp_server.updated";
    public static final String MCP_SERVER_DELETED = "mcp_server.deleted";
    public static final String MCP_SERVER_ERROR = "mcp_server.error";
    public static final Set<String> ALL = Set.of(AGENT_CREATED, AGENT_UPDATED, AGENT_DELETED, CREDENTIAL_SET,
            CREDENTIAL_DELETED, PROVIDER_ERROR, BUDGET_THRESHOLD, BUDGET_EXCEEDED, MCP_SERVER_CREATED, MCP_SERVER_UPDATED,
            MCP_SERVER_DELETED, MCP_SERVER_ERROR);

    private AuditTypes() {
    }
}
