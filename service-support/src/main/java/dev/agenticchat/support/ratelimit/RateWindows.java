package dev.agenticchat.support.ratelimit;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Fixed-window counters in the service's own {@code rate_windows} table, so every replica
 * counts the same hits. Counted in the caller's transaction: when a later check refuses and the
 * transaction rolls back, the hits roll back with it and nothing is half-accepted. A bucket is
 * stored as the SHA-256 of its limit and key: the table names no user and no address, so an
 * erasure has nothing to find there, and its rows go once their window has ended.
 */
@Singleton
public class RateWindows {
    private final JdbcOperations jdbc;
    private final Clock clock;

    @Inject
    RateWindows(JdbcOperations jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    RateWindows(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts one hit on {@code key} (e.g. {@code sessions:ip:203.0.113.7}), or throws {@link RateLimited}. */
    @Transactional
    public void hit(String key, RateLimit limit, String detail) {
        if (limit.unlimited()) {
            return;
        }
        Instant now = clock.instant();
        long windowMillis = limit.window().toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        Instant end = start.plusMillis(windowMillis);
        int hits = jdbc.prepareStatement("""
                INSERT INTO rate_windows (bucket, window_start, window_end, hits) VALUES (?, ?, ?, 1)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_windows.hits + 1
                RETURNING hits""", statement -> {
            statement.setString(1, bucket(limit, key));
            statement.setTimestamp(2, Timestamp.from(start));
            statement.setTimestamp(3, Timestamp.from(end));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        if (hits > limit.max()) {
            throw new RateLimited(limit.name(), detail, Duration.between(now, end));
        }
    }

    static String bucket(RateLimit limit, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((limit.name() + ":" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Windows that have ended count nothing any more. */
    @Transactional
    public int purgeEnded() {
        return jdbc.prepareStatement("DELETE FROM rate_windows WHERE window_end < now() - interval '1 minute'",
                statement -> statement.executeUpdate());
    }
}
