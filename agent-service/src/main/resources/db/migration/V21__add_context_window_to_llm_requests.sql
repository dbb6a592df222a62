-- For the calls of a turn: the prompt token budget in force (its agent's context_tokens) and the
-- prompt's tokens as agent-service counted them before sending it (jtokkit, the model's encoding or
-- the documented default). input_tokens stays what the provider reported. NULL for other calls.
ALTER TABLE llm_requests
    ADD COLUMN context_budget_tokens INT,
    ADD COLUMN prompt_tokens_counted INT;

-- The running summary of a turn's context window is a call of its own kind: purpose 'context'
-- (its turn and agent set, step 1).
ALTER TABLE llm_requests DROP CONSTRAINT llm_requests_purpose_check;
ALTER TABLE llm_requests ADD CONSTRAINT llm_requests_purpose_check CHECK (purpose IN ('turn', 'summary', 'context'));
