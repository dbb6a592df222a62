-- The running summary of a thread's older part: what stands in for the turns that no longer fit in
-- its agent's context window. It covers every completed turn up to and including the one at
-- (covered_started_at, covered_turn_id); a turn that drops out of the window later extends it. One
-- row per thread, replaced only by a summary that covers more (writers race harmlessly). Owned
-- like the thread's turns: merged and erased with its user.
CREATE TABLE context_summaries (
    thread_id          TEXT        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    user_id            TEXT        NOT NULL,
    summary            TEXT        NOT NULL,
    summary_tokens     INT         NOT NULL,
    covered_started_at TIMESTAMPTZ NOT NULL,
    covered_turn_id    UUID        NOT NULL,
    covered_turns      INT         NOT NULL,
    model              TEXT        NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX context_summaries_owner ON context_summaries (tenant_id, user_id);

-- An agent's prompt token budget (NULL: agent.context.default-tokens).
ALTER TABLE agent_versions ADD COLUMN context_tokens INT;
