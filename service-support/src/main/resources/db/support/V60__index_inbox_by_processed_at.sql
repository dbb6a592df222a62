-- InboxPurge deletes the ids older than the topics' retention in small batches; each batch finds
-- its rows through this index instead of scanning the whole inbox.
CREATE INDEX inbox_processed_at ON inbox (processed_at);
