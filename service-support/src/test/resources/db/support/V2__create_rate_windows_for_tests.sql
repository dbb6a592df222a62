-- Services create rate_windows in their own migrations; service-support's tests need one too.
CREATE TABLE rate_windows (
    bucket       TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    window_end   TIMESTAMPTZ NOT NULL,
    hits         INT         NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
