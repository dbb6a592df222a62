-- Which agent, in which version, and which provider each model call was made for, so usage and
-- cost can be told per agent (NULL for calls made before agents existed).
ALTER TABLE llm_requests
    ADD COLUMN agent_id      UUID,
    ADD COLUMN agent_version INT,
    ADD COLUMN provider      TEXT;
CREATE INDEX llm_requests_agent ON llm_requests (agent_id, created_at) WHERE agent_id IS NOT NULL;
