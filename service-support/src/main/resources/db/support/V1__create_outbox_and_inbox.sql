-- Shared by every service, created in that service's own schema (Flyway location db/support).

-- Events written in the same transaction as the state change they describe; the relay
-- publishes them to Kafka in id order and deletes them.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    source       TEXT        NOT NULL,
    subject      TEXT,
    tenant_id    TEXT,
    user_id      TEXT,
    thread_id    TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL,
    data         TEXT        NOT NULL
);

-- Wake the relay when a transaction that wrote events commits (NOTIFY is delivered on
-- commit), so relaying costs milliseconds instead of a polling interval.
CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();

-- Ids of consumed events, written in the same transaction as their effect: a
-- redelivered event finds its id and changes nothing.
CREATE TABLE inbox (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
