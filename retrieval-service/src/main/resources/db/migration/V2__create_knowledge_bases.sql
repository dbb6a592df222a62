-- Knowledge bases per tenant. Documents, chunks and embeddings arrive with the retrieval issue.
CREATE TABLE knowledge_bases (
    id              UUID PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    owner_id        TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    description     TEXT,
    embedding_model TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_bases_tenant ON knowledge_bases (tenant_id, created_at DESC);
