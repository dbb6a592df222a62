-- One-time codes. Only an HMAC of the code is kept; the code itself exists in the mail alone.
CREATE TABLE otp_codes (
    id              UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    email           TEXT        NOT NULL,
    purpose         TEXT        NOT NULL CHECK (purpose IN ('link_session', 'delete_data')),
    code_hash       TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('live', 'used', 'superseded', 'dead')),
    failed_attempts INT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ
);

CREATE INDEX otp_codes_newest ON otp_codes (tenant_id, email, purpose, created_at DESC);

-- Accepted code requests, counted by the rate limits per address and per client IP. Kept in
-- the database so the limits hold across replicas.
CREATE TABLE otp_requests (
    id         BIGSERIAL   PRIMARY KEY,
    email      TEXT        NOT NULL,
    client_ip  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX otp_requests_by_email ON otp_requests (email, created_at);
CREATE INDEX otp_requests_by_ip ON otp_requests (client_ip, created_at);
