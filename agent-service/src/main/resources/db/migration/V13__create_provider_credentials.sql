-- Model providers' API keys that a tenant admin set for the whole tenant (agent_id NULL) or for one
-- of its agents, one per scope and provider. Only sealed: AES-256-GCM under the configured key
-- key_id, a fresh nonce per write, and the row's tenant, agent and provider as additional data, so
-- a ciphertext copied to another row does not decrypt. Rows sealed with a key that is no longer
-- the active one are re-sealed by every replica (in batches, skipping each other's rows).
-- updated_by NULL: the admin was erased.
CREATE TABLE provider_credentials (
    id         UUID        PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    agent_id   UUID        REFERENCES agents (id) ON DELETE CASCADE,
    provider   TEXT        NOT NULL,
    key_id     TEXT        NOT NULL,
    nonce      BYTEA       NOT NULL,
    ciphertext BYTEA       NOT NULL,
    updated_by TEXT,
    updated_at TIMESTAMPTZ NOT NULL
);
-- NULLs are distinct in a plain unique index: one index per scope.
CREATE UNIQUE INDEX provider_credentials_one_per_tenant ON provider_credentials (tenant_id, provider)
    WHERE agent_id IS NULL;
CREATE UNIQUE INDEX provider_credentials_one_per_agent ON provider_credentials (tenant_id, agent_id, provider)
    WHERE agent_id IS NOT NULL;
CREATE INDEX provider_credentials_by_key ON provider_credentials (key_id);
