-- When the turn a user message started ended (TurnCompleted or TurnFailed): the messages still
-- without it are the user's running turns, which the running-turns limit counts.
ALTER TABLE messages ADD COLUMN turn_ended_at TIMESTAMPTZ;
CREATE INDEX messages_running_turns ON messages (tenant_id, user_id, created_at)
    WHERE role = 'user' AND turn_ended_at IS NULL;
