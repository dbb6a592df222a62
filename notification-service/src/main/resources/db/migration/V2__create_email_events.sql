-- The life of every requested mail, one row per step: 'queued' when the request is taken,
-- then one row per delivery attempt ('sent', 'retrying', 'failed'). Never the body or the
-- template parameters: a one-time code must not be readable here.
CREATE TABLE email_events (
    id                UUID        PRIMARY KEY,
    email_id          UUID        NOT NULL,
    request_id        TEXT        NOT NULL,
    tenant_id         TEXT        NOT NULL,
    user_id           TEXT,
    recipient         TEXT        NOT NULL,
    template          TEXT        NOT NULL,
    subject           TEXT,
    status            TEXT        NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'retrying')),
    attempt           INT         NOT NULL,
    provider_response TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX email_events_by_recipient ON email_events (recipient, created_at DESC, id DESC);
CREATE INDEX email_events_by_email ON email_events (email_id);
