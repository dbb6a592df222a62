-- A tenant's agents. Every change is a new row of agent_versions, kept with who made it
-- (changed_by NULL: the service itself, or an erased admin); agents.current_version is the one
-- turns use. A tenant's default agent (is_default, slug 'default') is written from the
-- service's configuration the first time the tenant needs an agent. tools NULL: every tool.
CREATE TABLE agents (
    id              UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    slug            TEXT        NOT NULL,
    is_default      BOOLEAN     NOT NULL DEFAULT false,
    current_version INT         NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, slug)
);
CREATE UNIQUE INDEX agents_one_default_per_tenant ON agents (tenant_id) WHERE is_default;

CREATE TABLE agent_versions (
    agent_id           UUID             NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    version            INT              NOT NULL,
    name               TEXT             NOT NULL,
    description        TEXT,
    status             TEXT             NOT NULL CHECK (status IN ('active', 'disabled')),
    provider           TEXT             NOT NULL,
    model              TEXT             NOT NULL,
    system_prompt      TEXT             NOT NULL,
    temperature        DOUBLE PRECISION,
    max_output_tokens  INT,
    tools              TEXT[],
    knowledge_base_ids TEXT[]           NOT NULL DEFAULT '{}',
    changed_by         TEXT,
    changed_at         TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (agent_id, version)
);
