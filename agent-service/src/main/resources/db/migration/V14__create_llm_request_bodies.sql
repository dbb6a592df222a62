-- What was sent to the model and what it answered, per call of the request log, redacted (keys,
-- tokens, one-time codes, secrets), kept only when agent.llm.request-log.bodies.enabled and only
-- for its retention. A body goes with its call: erasing a user's calls erases their bodies.
CREATE TABLE llm_request_bodies (
    request_id UUID        PRIMARY KEY REFERENCES llm_requests (id) ON DELETE CASCADE,
    request    TEXT        NOT NULL,
    response   TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX llm_request_bodies_created ON llm_request_bodies (created_at);
