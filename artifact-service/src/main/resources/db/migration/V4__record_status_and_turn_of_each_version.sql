-- Each version records its own status and the agent turn that made it (none for a person's edit),
-- so the version history can say who changed what when.
ALTER TABLE artifact_versions ADD COLUMN status TEXT, ADD COLUMN turn_id TEXT;

UPDATE artifact_versions v SET status = a.status, turn_id = a.turn_id
FROM artifacts a
WHERE a.id = v.artifact_id;

ALTER TABLE artifact_versions
    ALTER COLUMN status SET NOT NULL,
    ADD CONSTRAINT artifact_versions_status CHECK (status IN ('intermediate', 'final'));
