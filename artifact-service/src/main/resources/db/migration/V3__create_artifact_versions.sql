-- Every version of an artifact's content, validated against its type's JSON Schema before it is written.
CREATE TABLE artifact_versions (
    artifact_id UUID        NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
    version     INT         NOT NULL CHECK (version >= 1),
    content     JSONB       NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (artifact_id, version)
);

-- Containment queries into content (content @> '{"chart_type": "bar"}'); jsonb_path_ops is
-- smaller and faster than the default operator class for @>, the only operator we need.
CREATE INDEX artifact_versions_content ON artifact_versions USING GIN (content jsonb_path_ops);
