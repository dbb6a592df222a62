-- Per agent version: whether the model's reasoning is requested and streamed to the user, the
-- ordered fallback models tried when its model answers 429, 5xx or times out (a JSON array of
-- {"provider", "model"}), and its own prices per thousand tokens (NULL: the configured price table).
ALTER TABLE agent_versions
    ADD COLUMN reasoning                        BOOLEAN         NOT NULL DEFAULT true,
    ADD COLUMN fallbacks                        JSONB           NOT NULL DEFAULT '[]',
    ADD COLUMN input_price_per_thousand_tokens  NUMERIC(20, 10),
    ADD COLUMN output_price_per_thousand_tokens NUMERIC(20, 10);
