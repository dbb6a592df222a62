-- Tenants; every user belongs to one. Clients that name no tenant get 'default'.
CREATE TABLE tenants (
    id         UUID PRIMARY KEY,
    slug       TEXT        NOT NULL UNIQUE,
    name       TEXT        NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('active', 'disabled')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO tenants (id, slug, name, status) VALUES (gen_random_uuid(), 'default', 'Default', 'active');
