-- Uploaded documents and their ingestion state. The same content (SHA-256) is stored once per knowledge base.
CREATE TABLE documents (
    id                UUID PRIMARY KEY,
    knowledge_base_id UUID        NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    tenant_id         TEXT        NOT NULL,
    uploaded_by       TEXT        NOT NULL,
    filename          TEXT        NOT NULL,
    content_type      TEXT        NOT NULL,
    size_bytes        BIGINT      NOT NULL,
    content_hash      TEXT        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('pending', 'processing', 'indexed', 'failed')),
    failure_reason    TEXT,
    chunk_count       INT         NOT NULL DEFAULT 0,
    chunks_embedded   INT         NOT NULL DEFAULT 0,
    attempts          INT         NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (knowledge_base_id, content_hash)
);
CREATE INDEX documents_knowledge_base_page ON documents (knowledge_base_id, created_at DESC, id DESC);

-- The uploaded bytes, apart so listing documents never reads them; the extracted text once ingested.
CREATE TABLE document_contents (
    document_id    UUID PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    bytes          BYTEA NOT NULL,
    extracted_text TEXT
);
