-- The Idempotency-Key an artifact was created with: the agent sends one per tool call (the turn and
-- the call's place in it), so a turn run again after its worker died gets the artifact it made
-- before instead of a second one. Scoped to the owner; it moves with the artifact on a merge.
ALTER TABLE artifacts ADD COLUMN creation_key TEXT;
CREATE UNIQUE INDEX artifacts_creation_key ON artifacts (tenant_id, user_id, creation_key) WHERE creation_key IS NOT NULL;
