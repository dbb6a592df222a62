-- The agent (agent-service slug, same tenant) the thread was created with; it never changes.
-- NULL: the tenant's default agent, whichever that is when a message is answered.
ALTER TABLE threads ADD COLUMN agent TEXT;
