-- Fixed-window counters of the request limits, shared by every replica (service-support's RateWindows).
CREATE TABLE rate_windows (
    bucket       TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    window_end   TIMESTAMPTZ NOT NULL,
    hits         INT         NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_windows_end ON rate_windows (window_end);
