-- Every call to the model, retries included: tokens, latency and errors per turn and step.
CREATE TABLE llm_requests (
    id            UUID        PRIMARY KEY,
    turn_id       UUID        NOT NULL REFERENCES turns (id),
    model         TEXT        NOT NULL,
    step          INT         NOT NULL,
    input_tokens  BIGINT      NOT NULL DEFAULT 0,
    output_tokens BIGINT      NOT NULL DEFAULT 0,
    latency_ms    BIGINT      NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('ok', 'error')),
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX llm_requests_turn ON llm_requests (turn_id);
