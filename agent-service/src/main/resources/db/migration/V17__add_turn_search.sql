-- recall_conversations searches a user's earlier turns: question and answer together, as one
-- full-text document kept by Postgres itself (a generated column, so every write of a turn and
-- every merge or erasure of its user keeps the index right without any code of ours).
-- The 'english' configuration: Postgres ranks without any notion of how rare a word is, so the
-- stop words 'simple' would keep ("what", "did", "the") would rank every turn alike; stemming
-- lets "refunds" find "refund". Text in other languages is still found by its words, unstemmed.
-- Each side is indexed up to 40000 characters, which keeps a tsvector far below its 1 MB limit
-- (a turn with a longer answer must still complete).
ALTER TABLE turns ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('english', left(user_content, 40000) || ' ' || left(coalesce(assistant_content, ''), 40000))
) STORED;
CREATE INDEX turns_search ON turns USING GIN (search_vector);
-- A user's own turns, newest first: what recall filters on (and what merges and erasures look up).
CREATE INDEX turns_owner ON turns (tenant_id, user_id, started_at DESC);
