-- A knowledge base belongs to one user (private) or to its tenant (shared: managed by tenant
-- admins, searchable for every thread of the tenant that attaches it). Until now every
-- knowledge base was readable by the whole tenant; they were all created by one user, so they
-- become that user's private ones.
ALTER TABLE knowledge_bases
    ADD COLUMN owner_kind TEXT NOT NULL DEFAULT 'user' CHECK (owner_kind IN ('user', 'tenant')),
    ALTER COLUMN owner_id DROP NOT NULL,
    ADD CONSTRAINT knowledge_bases_owner CHECK ((owner_kind = 'user') = (owner_id IS NOT NULL));
CREATE INDEX knowledge_bases_owner ON knowledge_bases (tenant_id, owner_id);

-- An erased administrator's uploads to a tenant knowledge base stay the tenant's, without their id.
ALTER TABLE documents ALTER COLUMN uploaded_by DROP NOT NULL;
