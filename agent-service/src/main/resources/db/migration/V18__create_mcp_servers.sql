-- The Model Context Protocol servers a tenant's admins register, whose tools the tenant's agents may
-- offer the model. transport: streamable_http (one endpoint) or sse (the older HTTP+SSE transport, url
-- is its SSE endpoint). The headers sent to the server (Authorization and the like) are only sealed:
-- a JSON object of names to values under AES-256-GCM with the configured key key_id, a fresh nonce per
-- write and the row's tenant and id as additional data, like provider_credentials (and re-sealed by the
-- same rotation); header_names keeps the names alone, for the API. updated_by NULL: the admin was erased.
CREATE TABLE mcp_servers (
    id           UUID        PRIMARY KEY,
    tenant_id    TEXT        NOT NULL,
    slug         TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    url          TEXT        NOT NULL,
    transport    TEXT        NOT NULL CHECK (transport IN ('streamable_http', 'sse')),
    header_names TEXT[]      NOT NULL DEFAULT '{}',
    key_id       TEXT        NOT NULL,
    nonce        BYTEA       NOT NULL,
    ciphertext   BYTEA       NOT NULL,
    enabled      BOOLEAN     NOT NULL DEFAULT true,
    updated_by   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, slug)
);
CREATE INDEX mcp_servers_by_key ON mcp_servers (key_id);
