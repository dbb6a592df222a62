-- Spending limits a tenant admin sets: tokens (input + output) or cost (USD) per UTC day or month,
-- for the whole tenant, one agent (agent_id; goes with the agent) or users (user_id: that user;
-- NULL: every user of the tenant, each on their own). Spend is read from llm_requests.
CREATE TABLE budgets (
    id          UUID           PRIMARY KEY,
    tenant_id   TEXT           NOT NULL,
    scope       TEXT           NOT NULL CHECK (scope IN ('tenant', 'agent', 'user')),
    agent_id    UUID           REFERENCES agents (id) ON DELETE CASCADE,
    user_id     TEXT,
    period      TEXT           NOT NULL CHECK (period IN ('day', 'month')),
    metric      TEXT           NOT NULL CHECK (metric IN ('tokens', 'cost')),
    limit_value NUMERIC(24, 10) NOT NULL CHECK (limit_value > 0),
    created_by  TEXT,
    updated_by  TEXT,
    created_at  TIMESTAMPTZ    NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL,
    CHECK (scope <> 'tenant' OR (agent_id IS NULL AND user_id IS NULL)),
    CHECK (scope <> 'agent' OR (agent_id IS NOT NULL AND user_id IS NULL)),
    CHECK (scope <> 'user' OR agent_id IS NULL)
);
CREATE UNIQUE INDEX budgets_one_per_subject ON budgets
    (tenant_id, scope, COALESCE(agent_id::text, user_id, ''), period, metric);

-- The 80 % and 100 % alerts sent: one per budget, period and threshold (and user, for a budget of
-- every user; '' otherwise), so concurrent turns and replicas announce each once. A changed limit
-- forgets the budget's alerts.
CREATE TABLE budget_alerts (
    budget_id    UUID           NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    user_id      TEXT           NOT NULL DEFAULT '',
    period_start TIMESTAMPTZ    NOT NULL,
    threshold    INT            NOT NULL CHECK (threshold IN (80, 100)),
    spent        NUMERIC(24, 10) NOT NULL,
    reached_at   TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (budget_id, user_id, period_start, threshold)
);

-- A budget check sums one tenant's, agent's or user's calls since the start of the day or month:
-- with the summed columns in the index it reads no table rows.
CREATE INDEX llm_requests_tenant_spend ON llm_requests (tenant_id, created_at)
    INCLUDE (input_tokens, output_tokens, cost);
CREATE INDEX llm_requests_user_spend ON llm_requests (tenant_id, user_id, created_at)
    INCLUDE (input_tokens, output_tokens, cost);
CREATE INDEX llm_requests_agent_spend ON llm_requests (agent_id, created_at)
    INCLUDE (input_tokens, output_tokens, cost) WHERE agent_id IS NOT NULL;
