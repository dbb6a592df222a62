-- Conversations, each owned by one user of one tenant.
CREATE TABLE threads (
    id         UUID PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    user_id    TEXT        NOT NULL,
    title      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The thread list: an owner's threads, most recently active first (keyset on updated_at, id).
CREATE INDEX threads_owner_recent ON threads (tenant_id, user_id, updated_at DESC, id DESC);
