-- One row per answered user message. The unique message_id makes a redelivered
-- MessagePosted find its turn instead of starting another; the user and assistant texts of
-- completed turns are the thread context the agent sends the model.
CREATE TABLE turns (
    id                   UUID        PRIMARY KEY,
    message_id           TEXT        NOT NULL UNIQUE,
    thread_id            TEXT        NOT NULL,
    tenant_id            TEXT        NOT NULL,
    user_id              TEXT        NOT NULL,
    user_content         TEXT        NOT NULL,
    status               TEXT        NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    assistant_message_id UUID        NOT NULL,
    assistant_content    TEXT,
    error_code           TEXT,
    error_message        TEXT,
    input_tokens         BIGINT      NOT NULL DEFAULT 0,
    output_tokens        BIGINT      NOT NULL DEFAULT 0,
    started_at           TIMESTAMPTZ NOT NULL,
    completed_at         TIMESTAMPTZ
);
CREATE INDEX turns_thread ON turns (thread_id, started_at DESC);
