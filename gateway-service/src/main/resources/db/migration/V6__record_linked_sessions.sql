-- An anonymous user that proved an email address is merged into the person: its data moves
-- (UserLinked) and its tokens stop working. merged_at lets every gateway instance learn which
-- users were retired within the access-token lifetime.
ALTER TABLE users ADD COLUMN merged_into UUID REFERENCES users (id);
ALTER TABLE users ADD COLUMN merged_at TIMESTAMPTZ;
CREATE INDEX users_merged_at ON users (merged_at) WHERE merged_at IS NOT NULL;
CREATE INDEX users_merged_into ON users (merged_into) WHERE merged_into IS NOT NULL;
