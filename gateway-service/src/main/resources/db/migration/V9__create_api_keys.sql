-- API keys of the OpenAI-compatible API (/v1/**). Each key acts as a user of its own (kind
-- api_key), so its threads are nobody else's. Only the SHA-256 (hex) of the secret is kept:
-- the secret is 256 random bits, so a fast hash is as safe as a slow one and can be looked up.
ALTER TABLE users DROP CONSTRAINT users_kind_check;
ALTER TABLE users ADD CONSTRAINT users_kind_check CHECK (kind IN ('anonymous', 'person', 'api_key'));

CREATE TABLE api_keys (
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL REFERENCES tenants (id),
    user_id      UUID        NOT NULL UNIQUE REFERENCES users (id),
    name         TEXT        NOT NULL,
    prefix       TEXT        NOT NULL,
    secret_hash  TEXT        NOT NULL UNIQUE,
    created_by   UUID,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   UUID
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

-- The conversation each thread of a key holds so far (SHA-256 of its messages as the client sends
-- them back), so a request repeating it continues the thread. NULL while a turn of it runs.
CREATE TABLE api_key_threads (
    thread_id         UUID PRIMARY KEY,
    api_key_id        UUID        NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    agent             TEXT        NOT NULL,
    conversation_hash TEXT,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX api_key_threads_conversation ON api_key_threads (api_key_id, agent, conversation_hash)
    WHERE conversation_hash IS NOT NULL;
