-- Failed code checks per address and per client IP, across codes: requesting a new code does
-- not reset them. Enough failures lock the subject out, each lockout longer than the one before.
-- The subject is an HMAC of the address or IP (keyed with OTP_PEPPER), so no row names anyone.
CREATE TABLE otp_failures (
    subject      TEXT        PRIMARY KEY,
    failures     INT         NOT NULL,
    lockouts     INT         NOT NULL,
    locked_until TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX otp_failures_by_age ON otp_failures (updated_at);
