package dev.agenticchat.support.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared counters on the real Postgres, with a clock the test moves. */
@MicronautTest(environments = "test", transactional = false)
class RateWindowsIT {
    private static final RateLimit THREE_PER_MINUTE = new RateLimit("test_per_minute", 3, Duration.ofMinutes(1));

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private RateWindows at(String instant) {
        return new RateWindows(jdbc, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void admits_the_limit_then_refuses_with_the_time_left_in_the_window_and_admits_again_in_the_next() {
        String key = UUID.randomUUID().toString();
        RateWindows early = at("2026-12-01T10:00:15Z");
        for (int i = 0; i < 3; i++) {
            transactions.executeWrite(status -> {
                early.hit(key, THREE_PER_MINUTE, "slow down");
                return null;
            });
        }
        assertThatThrownBy(() -> transactions.executeWrite(status -> {
            at("2026-12-01T10:00:50Z").hit(key, THREE_PER_MINUTE, "slow down");
            return null;
        })).isInstanceOfSatisfying(RateLimited.class, refused -> {
            assertThat(refused.limit()).isEqualTo("test_per_minute");
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            assertThat(refused.retryAfterSeconds()).isEqualTo(10);
            assertThat(refused.getMessage()).isEqualTo("slow down");
        });
        assertThatCode(() -> transactions.executeWrite(status -> {
            at("2026-12-01T10:01:00Z").hit(key, THREE_PER_MINUTE, "slow down");
            return null;
        })).as("the next minute").doesNotThrowAnyException();
        assertThatCode(() -> transactions.executeWrite(status -> {
            at("2026-12-01T10:00:59Z").hit("other-" + key, THREE_PER_MINUTE, "slow down");
            return null;
        })).as("another key").doesNotThrowAnyException();
    }

    @Test
    void a_hit_in_a_transaction_that_rolls_back_is_not_counted() {
        String key = UUID.randomUUID().toString();
        RateWindows now = at("2026-12-01T11:00:00Z");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> transactions.executeWrite(status -> {
                now.hit(key, THREE_PER_MINUTE, "slow down");
                throw new IllegalStateException("a later check refused");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThatCode(() -> transactions.executeWrite(status -> {
            now.hit(key, THREE_PER_MINUTE, "slow down");
            return null;
        })).doesNotThrowAnyException();
    }

    @Test
    void an_unlimited_limit_counts_nothing() {
        RateLimit none = new RateLimit("test_none", 0, Duration.ofMinutes(1));
        String key = UUID.randomUUID().toString();
        transactions.executeWrite(status -> {
            at("2026-12-01T12:00:00Z").hit(key, none, "never");
            return null;
        });
        assertThat(rowsOf(RateWindows.bucket(none, key))).isZero();
    }

    @Test
    void stores_no_key_in_clear_and_purges_windows_that_have_ended() {
        String key = "tenant-1:user-" + UUID.randomUUID();
        transactions.executeWrite(status -> {
            at("2026-01-01T00:00:00Z").hit(key, THREE_PER_MINUTE, "slow down");
            new RateWindows(jdbc).hit(key, THREE_PER_MINUTE, "slow down");
            return null;
        });
        assertThat(rowsNaming(key)).as("no user id in the table").isZero();
        assertThat(rowsOf(RateWindows.bucket(THREE_PER_MINUTE, key))).isEqualTo(2);

        transactions.executeWrite(status -> new RateWindows(jdbc).purgeEnded());
        assertThat(rowsOf(RateWindows.bucket(THREE_PER_MINUTE, key))).as("the current window stays").isEqualTo(1);
    }

    private int rowsNaming(String key) {
        return count("SELECT count(*) FROM rate_windows WHERE bucket LIKE ?", "%" + key + "%");
    }

    private int rowsOf(String bucket) {
        return count("SELECT count(*) FROM rate_windows WHERE bucket = ?", bucket);
    }

    private int count(String sql, String value) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, value);
            var rs = statement.executeQuery();
            rs.next();
            return rs.getInt(1);
        }));
    }
}
