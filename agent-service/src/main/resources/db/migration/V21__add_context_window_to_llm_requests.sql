-- For the calls of a turn: the prompt token budget in force (its agent's context_tokens) and the
-- prompt's tokens as agent-service counted them before sending it (jtokkit, the model's encoding or
-- the documented default). input_tokens stays what the provider reported. NULL for other calls.
ALTER TABLE llm_requests
    ADD COLUMN context_budget_tokens INT,
    ADD COLUMN prompt_tokens_counted INT;
