-- Every passage a knowledge search showed the model during a turn, numbered as the model saw
-- it ([1], [2], ...). The turn's citations are chosen from them when it completes; kept with
-- the turn, a turn run again after a takeover numbers the same chunk the same way and
-- announces the same citations.
CREATE TABLE turn_citations (
    id          UUID             PRIMARY KEY,
    turn_id     UUID             NOT NULL REFERENCES turns (id),
    number      INT              NOT NULL,
    chunk_id    TEXT             NOT NULL,
    document_id TEXT             NOT NULL,
    title       TEXT             NOT NULL,
    page        INT,
    passage     TEXT             NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    created_at  TIMESTAMPTZ      NOT NULL,
    UNIQUE (turn_id, chunk_id),
    UNIQUE (turn_id, number)
);
