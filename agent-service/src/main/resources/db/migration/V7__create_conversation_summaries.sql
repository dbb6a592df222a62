-- When each thread last had a message, and how far it has been summarised. A thread is due
-- for a summary once last_message_at is older than its tenant's inactivity timeout and newer
-- than summarized_through. A sweeping worker claims it (claimed_by, claimed_until: a crashed
-- worker's claim simply expires); a failed attempt waits until retry_at.
CREATE TABLE thread_activity (
    thread_id          TEXT        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    user_id            TEXT        NOT NULL,
    period_start       TIMESTAMPTZ NOT NULL,
    last_message_at    TIMESTAMPTZ NOT NULL,
    summarized_through TIMESTAMPTZ,
    claimed_by         TEXT,
    claimed_until      TIMESTAMPTZ,
    attempts           INT         NOT NULL DEFAULT 0,
    retry_at           TIMESTAMPTZ
);
CREATE INDEX thread_activity_pending ON thread_activity (tenant_id, last_message_at)
    WHERE summarized_through IS NULL OR last_message_at > summarized_through;
CREATE INDEX thread_activity_owner ON thread_activity (tenant_id, user_id);

-- One summary per quiet period of a thread (period_end = its last message before the quiet):
-- the unique key makes a second writer of the same period a no-op.
CREATE TABLE conversation_summaries (
    id            UUID        PRIMARY KEY,
    thread_id     TEXT        NOT NULL,
    tenant_id     TEXT        NOT NULL,
    user_id       TEXT        NOT NULL,
    period_start  TIMESTAMPTZ NOT NULL,
    period_end    TIMESTAMPTZ NOT NULL,
    summary       TEXT        NOT NULL,
    lead          JSONB       NOT NULL,
    message_count INT         NOT NULL,
    model         TEXT        NOT NULL,
    summarized_by TEXT        NOT NULL,
    summarized_at TIMESTAMPTZ NOT NULL,
    UNIQUE (thread_id, period_end)
);
CREATE INDEX conversation_summaries_owner ON conversation_summaries (tenant_id, user_id);
