package dev.agenticchat.support.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rides out a database restart under work that must not fail for it (a turn in flight): a
 * statement on a connection the restart cut, or no connection while Postgres starts, is tried
 * again with backoff for up to {@link #PATIENCE}. Only for work that is one statement or one
 * transaction of its own (no caller's transaction around it), so trying again repeats all of it.
 * Any other error is thrown at once. Interrupted while waiting, it throws the database's error
 * with the thread's interrupt status set, for the caller to tell a shutdown from a failure.
 */
public final class TransientDatabase {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(TransientDatabase.class);
    /** 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 57P05 idle_session_timeout; class 08 is connection exceptions. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03", "57P05");

    private TransientDatabase() {
    }

    public static <T> T retry(String what, Supplier<T> work) {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        long backoffMs = 100;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!isTransient(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) > giveUpAt) {
                    throw e;
                }
                LOG.warn("{}: the database is unreachable ({}); trying again in {} ms", what, rootMessage(e), backoffMs);
                try {
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(backoffMs * 2, 2_000);
            }
        }
    }

    public static void run(String what, Runnable work) {
        retry(what, () -> {
            work.run();
            return null;
        });
    }

    /** A lost or refused connection, anywhere in the cause chain. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
