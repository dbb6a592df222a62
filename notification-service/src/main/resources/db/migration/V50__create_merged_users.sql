-- The shared identity protocol (service-support identity/MergedUsers): which user ids this service
-- has merged into another (an anonymous session linked to a person), written with the move of their
-- data, so that writes still arriving for the session afterwards land with the person.
CREATE TABLE merged_users (
    tenant_id  TEXT        NOT NULL,
    from_user  TEXT        NOT NULL,
    to_user    TEXT        NOT NULL,
    merged_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, from_user)
);

-- An erasure forgets the merges into the erased person as well as those from their sessions.
CREATE INDEX merged_users_to_user ON merged_users (tenant_id, to_user);
