-- Per agent version: the slugs of the tenant's MCP servers whose tools its turns offer the model, in order.
ALTER TABLE agent_versions ADD COLUMN mcp_servers TEXT[] NOT NULL DEFAULT '{}';
