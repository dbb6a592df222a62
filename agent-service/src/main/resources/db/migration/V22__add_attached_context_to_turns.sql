-- What a turn's user message had added to it from its attachments (documents' text as it went into
-- the prompt, notes for images), so later turns of the thread replay the message as the model saw
-- it without asking chat-service again. NULL: no attachments.
ALTER TABLE turns ADD COLUMN attached_context TEXT;
