-- The knowledge bases (retrieval-service ids, same tenant) the agent may search in this thread.
ALTER TABLE threads ADD COLUMN knowledge_base_ids TEXT[] NOT NULL DEFAULT '{}';
