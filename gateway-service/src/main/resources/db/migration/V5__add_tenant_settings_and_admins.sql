-- A tenant's own settings (NULL: the suite's default) and the people the operator made its admins.
ALTER TABLE tenants ADD COLUMN summary_recipient TEXT;
ALTER TABLE tenants ADD COLUMN inactivity_timeout_seconds INTEGER CHECK (inactivity_timeout_seconds > 0);
ALTER TABLE tenants ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- By email, so a person can be made admin before they link a session; the role reaches
-- their token when a user of this tenant with this (linked) email signs in or refreshes.
CREATE TABLE tenant_admins (
    tenant_id  UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, email)
);
