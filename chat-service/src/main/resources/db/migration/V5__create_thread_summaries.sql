-- Summaries of quiet periods, from agent-service's ConversationSummarized; the latest one is the
-- thread's summary. They go with their thread (erasure, deletion).
CREATE TABLE thread_summaries (
    thread_id     UUID        NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    period_end    TIMESTAMPTZ NOT NULL,
    period_start  TIMESTAMPTZ NOT NULL,
    summary       TEXT        NOT NULL,
    lead          JSONB       NOT NULL,
    message_count INT         NOT NULL,
    summarized_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (thread_id, period_end)
);
