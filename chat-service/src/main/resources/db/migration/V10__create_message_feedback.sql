-- The owner's rating of an assistant message (ChatKit's items.feedback): one per message, the
-- latest wins. It goes with its message (thread deletion, erasure).
CREATE TABLE message_feedback (
    message_id UUID        PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    thread_id  UUID        NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    kind       TEXT        NOT NULL CHECK (kind IN ('positive', 'negative')),
    rated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX message_feedback_thread ON message_feedback (thread_id);
