-- A turn's last event (TurnCompleted or TurnFailed) is written with the turn's end, in the
-- same transaction, and published after commit through the producer that sent the turn's
-- deltas, so it follows them on the thread's partition. The row keeps the event until Kafka
-- has acknowledged it (end_event_published_at set, the data dropped); a worker that finds an
-- ended turn whose event is still unpublished (its worker died in between) publishes it again,
-- with the same id. Turns that ended before this migration count as published.
ALTER TABLE turns
    ADD COLUMN end_event_id           UUID,
    ADD COLUMN end_event_data         TEXT,
    ADD COLUMN end_event_published_at TIMESTAMPTZ;
