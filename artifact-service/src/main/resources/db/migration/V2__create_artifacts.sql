-- One row per artifact: who owns it, where it was made, and which version is current.
-- The content lives in artifact_versions.
CREATE TABLE artifacts (
    id              UUID PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    user_id         TEXT        NOT NULL,
    thread_id       TEXT,
    turn_id         TEXT,
    type            TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('intermediate', 'final')),
    current_version INT         NOT NULL CHECK (current_version >= 1),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Listing is always by owner, newest first, optionally narrowed to a type or a thread;
-- id breaks ties so the (created_at, id) cursor is exact.
CREATE INDEX artifacts_owner ON artifacts (tenant_id, user_id, created_at DESC, id DESC);
CREATE INDEX artifacts_owner_type ON artifacts (tenant_id, user_id, type, created_at DESC, id DESC);
CREATE INDEX artifacts_owner_thread ON artifacts (tenant_id, user_id, thread_id, created_at DESC, id DESC);
