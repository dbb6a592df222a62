-- Erasures a person asked for with a delete_data code. user_ids and email_sha256 identify the
-- person only while the erasure runs; both are cleared once every service confirmed, so the
-- record that remains says that an erasure happened, not about whom.
CREATE TABLE erasures (
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    user_ids     TEXT[],
    email_sha256 TEXT,
    status       TEXT        NOT NULL CHECK (status IN ('pending', 'completed')),
    requested_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ
);

CREATE TABLE erasure_confirmations (
    erasure_id   UUID        NOT NULL REFERENCES erasures (id) ON DELETE CASCADE,
    service      TEXT        NOT NULL,
    confirmed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (erasure_id, service)
);
