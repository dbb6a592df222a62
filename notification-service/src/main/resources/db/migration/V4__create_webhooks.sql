-- Webhook subscriptions of tenants. The signing secret is stored sealed (AES-GCM under a key
-- derived from OTP_PEPPER): it must be read back to sign, so it cannot be hashed.
CREATE TABLE webhook_subscriptions (
    id              UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    url             TEXT        NOT NULL,
    event_types     TEXT[]      NOT NULL,
    sealed_secret   TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('active', 'disabled')),
    disabled_reason TEXT,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX webhook_subscriptions_by_tenant ON webhook_subscriptions (tenant_id, created_at DESC);

-- One row per (subscription, event): the signed CloudEvent body and where its delivery stands.
-- Workers of every replica claim due rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE webhook_deliveries (
    id               UUID        PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         TEXT        NOT NULL,
    event_type       TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    UNIQUE (subscription_id, event_id)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, created_at DESC, id DESC);
