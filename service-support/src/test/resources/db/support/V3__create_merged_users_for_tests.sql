-- Services create merged_users in their own migrations; service-support's identity tests need one too.
CREATE TABLE merged_users (
    tenant_id  TEXT        NOT NULL,
    from_user  TEXT        NOT NULL,
    to_user    TEXT        NOT NULL,
    merged_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, from_user)
);
