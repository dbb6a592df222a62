-- The tokens one sign-in rotates through form a family: a rotated token presented again means it
-- was stolen (or copied), and the whole family is revoked; a family older than the maximum
-- session age is not refreshed any more.
ALTER TABLE refresh_tokens
    ADD COLUMN family_id         UUID,
    ADD COLUMN family_started_at TIMESTAMPTZ;
UPDATE refresh_tokens SET family_id = id, family_started_at = created_at;
ALTER TABLE refresh_tokens
    ALTER COLUMN family_id SET NOT NULL,
    ALTER COLUMN family_started_at SET NOT NULL;
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
