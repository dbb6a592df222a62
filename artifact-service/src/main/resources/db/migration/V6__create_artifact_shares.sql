-- Public read-only links to an artifact. Only the SHA-256 of a link's token is kept: the token
-- itself is shown once, to the owner who made the link. Deleting the artifact deletes its links.
CREATE TABLE artifact_shares (
    id          UUID        PRIMARY KEY,
    artifact_id UUID        NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
    token_hash  BYTEA       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    CHECK (expires_at IS NULL OR expires_at > created_at)
);

CREATE INDEX artifact_shares_artifact ON artifact_shares (artifact_id, created_at DESC);
