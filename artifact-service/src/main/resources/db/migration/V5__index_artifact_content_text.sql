-- Full-text search over the string values of the content (keys and numbers are left out). The
-- 'simple' configuration neither stems nor drops stop words: artifacts are in any language, and
-- code or domain names must match as written. Queries use the same expression, so they use the index.
CREATE INDEX artifact_versions_text ON artifact_versions
    USING GIN (jsonb_to_tsvector('simple'::regconfig, content, '["string"]'::jsonb));

-- Listing narrowed to a status.
CREATE INDEX artifacts_owner_status ON artifacts (tenant_id, user_id, status, created_at DESC, id DESC);
