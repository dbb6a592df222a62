package dev.agenticchat.support.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientDatabaseTest {
    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("Error executing SQL UPDATE", e);
    }

    @Test
    void a_cut_or_refused_connection_is_transient_and_a_broken_statement_is_not() {
        assertThat(TransientDatabase.isTransient(wrapped(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(TransientDatabase.isTransient(wrapped(new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
        assertThat(TransientDatabase.isTransient(wrapped(new SQLTransientConnectionException("Connection is not available")))).isTrue();
        assertThat(TransientDatabase.isTransient(wrapped(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(TransientDatabase.isTransient(new IllegalStateException("no SQL at all"))).isFalse();
    }

    @Test
    void tries_again_until_the_database_answers() {
        AtomicInteger attempts = new AtomicInteger();
        String result = TransientDatabase.retry("test", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw wrapped(new SQLException("connection refused", "08001"));
            }
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void throws_any_other_error_at_once() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> TransientDatabase.retry("test", () -> {
            attempts.incrementAndGet();
            throw wrapped(new SQLException("duplicate key value", "23505"));
        })).hasMessageContaining("Error executing SQL");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void interrupted_while_waiting_it_throws_with_the_interrupt_status_set() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> TransientDatabase.retry("test", () -> {
                throw wrapped(new SQLException("connection refused", "08001"));
            })).hasMessageContaining("Error executing SQL");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
