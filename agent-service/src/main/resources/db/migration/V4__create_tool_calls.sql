-- Every tool the model called. input is the model's raw argument text, kept as text because
-- a model can produce malformed JSON, which is recorded too.
CREATE TABLE tool_calls (
    id           UUID        PRIMARY KEY,
    turn_id      UUID        NOT NULL REFERENCES turns (id),
    tool_call_id TEXT        NOT NULL,
    tool_name    TEXT        NOT NULL,
    input        TEXT        NOT NULL,
    output       TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('completed', 'failed')),
    latency_ms   BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX tool_calls_turn ON tool_calls (turn_id);
