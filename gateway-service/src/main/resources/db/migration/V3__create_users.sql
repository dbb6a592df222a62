-- Users: anonymous until an email one-time code links them to a person.
CREATE TABLE users (
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    kind       TEXT        NOT NULL CHECK (kind IN ('anonymous', 'person')),
    email      TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, lower(email)) WHERE email IS NOT NULL;
