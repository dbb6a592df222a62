-- The Idempotency-Key a version was made with: the agent's update_artifact sends one per tool call
-- (the turn and the call's place in it), so a turn run again after its worker died gets the version
-- it made before instead of a second one. Scoped to the artifact, whose row lock orders its updates.
ALTER TABLE artifact_versions ADD COLUMN creation_key TEXT;
CREATE UNIQUE INDEX artifact_versions_creation_key ON artifact_versions (artifact_id, creation_key)
    WHERE creation_key IS NOT NULL;
