-- Every model call names whose it was (tenant, user, thread) and what it cost at the prices in
-- force when it was made, so usage, budgets and erasure read one table. Conversation summaries
-- are model calls without a turn (purpose 'summary', turn_id NULL).
ALTER TABLE llm_requests
    ALTER COLUMN turn_id DROP NOT NULL,
    ADD COLUMN purpose                          TEXT           NOT NULL DEFAULT 'turn'
        CHECK (purpose IN ('turn', 'summary')),
    ADD COLUMN tenant_id                        TEXT,
    ADD COLUMN user_id                          TEXT,
    ADD COLUMN thread_id                        TEXT,
    ADD COLUMN input_price_per_thousand_tokens  NUMERIC(20, 10) NOT NULL DEFAULT 0,
    ADD COLUMN output_price_per_thousand_tokens NUMERIC(20, 10) NOT NULL DEFAULT 0,
    ADD COLUMN cost                             NUMERIC(24, 10) NOT NULL DEFAULT 0;

UPDATE llm_requests r SET tenant_id = t.tenant_id, user_id = t.user_id, thread_id = t.thread_id
FROM turns t WHERE t.id = r.turn_id;

ALTER TABLE llm_requests
    ALTER COLUMN tenant_id SET NOT NULL,
    ALTER COLUMN user_id SET NOT NULL,
    ALTER COLUMN thread_id SET NOT NULL;

CREATE INDEX llm_requests_tenant_time ON llm_requests (tenant_id, created_at);
CREATE INDEX llm_requests_user_time ON llm_requests (tenant_id, user_id, created_at);
