-- The sites that may embed the chat widget for a tenant (CORS and the WebSocket Origin check),
-- each a normalized origin: scheme://host[:port], lower case, without a default port.
CREATE TABLE tenant_allowed_origins (
    tenant_id  UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    origin     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, origin)
);

CREATE INDEX tenant_allowed_origins_by_origin ON tenant_allowed_origins (origin);
