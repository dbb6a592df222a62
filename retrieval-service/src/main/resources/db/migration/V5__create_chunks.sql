-- Passages of the extracted text, searchable by keywords (tsv) and by meaning (embedding).
-- The embedding column has no fixed dimension: each knowledge base's model decides it
-- (all-MiniLM-L6-v2: 384, text-embedding-3-small: 1536), and a partial HNSW index per
-- dimension serves cosine search. The vector extension lives in schema public.
CREATE TABLE chunks (
    id                UUID PRIMARY KEY,
    document_id       UUID        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    knowledge_base_id UUID        NOT NULL,
    tenant_id         TEXT        NOT NULL,
    ordinal           INT         NOT NULL,
    text              TEXT        NOT NULL,
    page              INT,
    start_offset      INT         NOT NULL,
    end_offset        INT         NOT NULL,
    tsv               TSVECTOR    GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    dimensions        INT,
    embedding         public.vector,
    UNIQUE (document_id, ordinal)
);
CREATE INDEX chunks_knowledge_base ON chunks (tenant_id, knowledge_base_id);
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);
CREATE INDEX chunks_embedding_384 ON chunks
    USING hnsw ((embedding::public.vector(384)) public.vector_cosine_ops) WHERE dimensions = 384;
CREATE INDEX chunks_embedding_1536 ON chunks
    USING hnsw ((embedding::public.vector(1536)) public.vector_cosine_ops) WHERE dimensions = 1536;
