-- What tenant admins audit: agent and credential changes, provider errors, budget events.
-- agent_id and agent_slug stay after the agent is deleted (no foreign key); actor is the user
-- who acted (NULL: the service itself, or an erased user). details: the entry's facts as JSON.
CREATE TABLE audit_log (
    id          UUID        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    agent_id    UUID,
    agent_slug  TEXT,
    actor       TEXT,
    summary     TEXT        NOT NULL,
    details     JSONB       NOT NULL DEFAULT '{}',
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX audit_log_tenant_agent_time ON audit_log (tenant_id, agent_id, occurred_at DESC, id DESC);
