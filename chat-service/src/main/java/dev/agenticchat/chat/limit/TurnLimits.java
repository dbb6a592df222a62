package dev.agenticchat.chat.limit;

import dev.agenticchat.support.ratelimit.RateLimit;
import dev.agenticchat.support.ratelimit.RateLimited;
import dev.agenticchat.support.ratelimit.RateWindows;
import dev.agenticchat.support.security.Caller;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Whether a user may start another turn: checked in the transaction that would store the
 * message, before it is stored, so a refused message leaves nothing behind (the counters roll
 * back with it). Counted in Postgres, so every replica of chat-service sees the same numbers.
 */
@Singleton
public class TurnLimits {
    private final JdbcOperations jdbc;
    private final RateWindows windows;
    private final TurnLimitSettings settings;
    private final RateLimit perUser;
    private final RateLimit perTenant;

    TurnLimits(JdbcOperations jdbc, RateWindows windows, TurnLimitSettings settings) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.settings = settings;
        this.perUser = new RateLimit("turns_per_user_per_minute", settings.turnsPerUserPerMinute(), Duration.ofMinutes(1));
        this.perTenant = new RateLimit("turns_per_tenant_per_minute", settings.turnsPerTenantPerMinute(), Duration.ofMinutes(1));
    }

    /** Throws {@link RateLimited} (429, Retry-After) when this user's next turn is over a limit. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void admit(Caller author) {
        if (settings.runningTurnsPerUser() > 0) {
            int running = runningTurns(author);
            if (running >= settings.runningTurnsPerUser()) {
                throw new RateLimited("running_turns_per_user", "you have " + running
                        + " answers still coming; wait for one to finish (or cancel it) before sending more", Duration.ofSeconds(5));
            }
        }
        windows.hit(author.tenantId() + ":" + author.userId(), perUser,
                "at most " + perUser.max() + " messages a minute; slow down a little");
    }

    /**
     * Throws {@link RateLimited} when the tenant's messages this minute are at its limit. Every
     * message of the tenant updates the one counter row, whose lock is held until commit: called
     * last in the message's transaction, so the tenant's concurrent posts wait on each other for
     * the commit alone, not for the whole transaction.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void admitInTenant(Caller author) {
        windows.hit(author.tenantId(), perTenant,
                "this service is answering as many messages a minute as it may (" + perTenant.max() + "); try again shortly");
    }

    /**
     * The user's messages whose turn has not ended. Two concurrent posts of one user take turns
     * (a transaction-scoped advisory lock, taken in its own statement so that the count's snapshot
     * comes after it), so both cannot see room for one more.
     */
    private int runningTurns(Caller author) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", statement -> {
            statement.setString(1, "running-turns:" + author.tenantId() + ":" + author.userId());
            return statement.execute();
        });
        return jdbc.prepareStatement("""
                SELECT count(*) FROM messages
                WHERE tenant_id = ? AND user_id = ? AND role = 'user' AND turn_ended_at IS NULL AND created_at > ?""",
                statement -> {
                    statement.setString(1, author.tenantId());
                    statement.setString(2, author.userId());
                    statement.setTimestamp(3, Timestamp.from(Instant.now().minus(settings.runningTurnExpiry())));
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
    }

    /** The turn the user message {@code messageId} started has ended, one way or another. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void turnEnded(UUID messageId) {
        jdbc.prepareStatement("UPDATE messages SET turn_ended_at = now() WHERE id = ? AND turn_ended_at IS NULL",
                statement -> {
                    statement.setObject(1, messageId);
                    return statement.executeUpdate();
                });
    }
}
