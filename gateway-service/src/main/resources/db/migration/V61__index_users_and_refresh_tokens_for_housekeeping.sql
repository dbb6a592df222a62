-- Housekeeping finds idle anonymous sessions by age and expired refresh tokens by expiry without
-- scanning either table. (V60 is service-support's inbox index, in the same Flyway history.)
CREATE INDEX users_anonymous_created_at ON users (created_at) WHERE kind = 'anonymous' AND merged_into IS NULL;
CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at);
