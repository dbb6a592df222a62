-- Files a user uploaded to attach to a message: unattached (message_id NULL) until a message names
-- them, then linked to that message and its thread, and deleted with them. The bytes are in the
-- configured blob store under blob_key; a document's text, extracted once at upload, is kept here.
CREATE TABLE attachments (
    id             UUID PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    user_id        TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    content_type   TEXT        NOT NULL,
    kind           TEXT        NOT NULL CHECK (kind IN ('document', 'image')),
    size_bytes     BIGINT      NOT NULL,
    blob_key       TEXT        NOT NULL,
    extracted_text TEXT,
    text_truncated BOOLEAN     NOT NULL DEFAULT FALSE,
    thread_id      UUID REFERENCES threads (id) ON DELETE CASCADE,
    message_id     UUID REFERENCES messages (id) ON DELETE CASCADE,
    position       INT,
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK ((message_id IS NULL) = (thread_id IS NULL) AND (message_id IS NULL) = (position IS NULL))
);

-- A message's attachments in the order it named them.
CREATE INDEX attachments_message ON attachments (message_id, position) WHERE message_id IS NOT NULL;
-- A user's unattached ones (the pending limit), and those past their time (the sweeper).
CREATE INDEX attachments_pending_owner ON attachments (tenant_id, user_id) WHERE message_id IS NULL;
CREATE INDEX attachments_pending_age ON attachments (created_at) WHERE message_id IS NULL;
CREATE INDEX attachments_owner ON attachments (tenant_id, user_id);
