-- The default blob store (chat.attachments.store = postgres:): the bytes of attachments.
CREATE TABLE attachment_blobs (
    blob_key   TEXT PRIMARY KEY,
    bytes      BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Blobs to delete from whichever store holds them, once due. A deleted attachment row adds its key
-- here in the same transaction (the trigger below: thread deletion, erasure, the sweeper and the
-- API all delete rows, and none can forget its blob); an upload adds its key, due later, before it
-- writes the blob and removes it when the row commits, so a blob written by an upload that never
-- committed goes too. The sweeper deletes due blobs after commit: a store outside the database is
-- never asked to delete a blob whose row a rollback would bring back.
CREATE TABLE attachment_blob_deletions (
    blob_key TEXT PRIMARY KEY,
    due_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attachment_blob_deletions_due ON attachment_blob_deletions (due_at);

CREATE FUNCTION attachment_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO attachment_blob_deletions (blob_key) VALUES (OLD.blob_key)
    ON CONFLICT (blob_key) DO UPDATE SET due_at = LEAST(attachment_blob_deletions.due_at, EXCLUDED.due_at);
    RETURN OLD;
END
$$;

CREATE TRIGGER attachments_deleted AFTER DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION attachment_deleted();
