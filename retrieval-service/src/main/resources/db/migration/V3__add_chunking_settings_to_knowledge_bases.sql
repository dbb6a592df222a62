-- How a knowledge base splits its documents, fixed at creation like its embedding model.
ALTER TABLE knowledge_bases
    ADD COLUMN chunk_size    INT         NOT NULL DEFAULT 500,
    ADD COLUMN chunk_overlap INT         NOT NULL DEFAULT 50,
    ADD COLUMN updated_at    TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX knowledge_bases_tenant_page ON knowledge_bases (tenant_id, created_at DESC, id DESC);
DROP INDEX knowledge_bases_tenant;
