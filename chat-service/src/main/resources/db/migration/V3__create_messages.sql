-- Messages of a thread: the user's, and the assistant's answers stored from TurnCompleted.
CREATE TABLE messages (
    id                UUID PRIMARY KEY,
    thread_id         UUID        NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    tenant_id         TEXT        NOT NULL,
    user_id           TEXT        NOT NULL,
    role              TEXT        NOT NULL CHECK (role IN ('user', 'assistant')),
    content           TEXT        NOT NULL,
    client_message_id TEXT,
    turn_id           TEXT,
    -- Assistant messages: usage, cost, artifact_ids, citations of the turn.
    metadata          JSONB,
    created_at        TIMESTAMPTZ NOT NULL,
    -- Insertion order: timestamps from different writers can tie or skew, seq cannot.
    seq               BIGSERIAL   NOT NULL
);

-- A message resent with the same client_message_id (after a dropped connection) is stored once.
CREATE UNIQUE INDEX messages_client_message_id ON messages (tenant_id, user_id, client_message_id)
    WHERE client_message_id IS NOT NULL;

-- History of a thread, oldest first (keyset on seq).
CREATE INDEX messages_thread_seq ON messages (thread_id, seq);
