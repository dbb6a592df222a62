package dev.agenticchat.support.identity;

import dev.agenticchat.support.security.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user ids this service has merged into another (an anonymous session linked to a person),
 * in the service's {@code merged_users} table, written in the transaction that moves their data.
 * Work that was under way for a session when it was linked (an agent's turn, its tools' artifacts,
 * a message in flight) still names the session; a write for it resolves the id here first and
 * lands with the person instead of being dropped or left with an id nobody signs in as any more.
 *
 * <p>Resolving and merging take the same per-user lock, so a write and a move never interleave: a
 * move waits for a write that resolved the session before it and then moves what it stored; a write
 * that comes while a move runs waits for it and resolves to the person. Two rules keep this true:
 * writers resolve first in their transaction, before locking any row the move updates (or the two
 * would wait on each other), and under READ COMMITTED, whose statements each see what committed
 * before they started, so the lookup after the lock sees the move that held it.
 */
@Singleton
@Requires(beans = PersonalData.class)
public class MergedUsers {
    /**
     * Keyed per schema, so that services sharing one database never wait on each other's links,
     * and per (tenant, user); the two-key form never meets the single-key locks of the outbox relay.
     */
    private static final String LOCK_KEY = "hashtext(current_schema() || '.merged_users'), hashtext(? || ' ' || ?)";
    /** A person who was later linked to another would be a second hop; the bound only guards against a cycle. */
    private static final int MAX_HOPS = 8;

    private final JdbcOperations jdbc;

    MergedUsers(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whom a write for this user belongs to: the user, or the person it was merged into. Holds that
     * user's lock until the caller's transaction ends, which must be the transaction of the write.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public String owner(String tenantId, String userId) {
        Set<String> seen = new HashSet<>();
        String current = userId;
        while (seen.add(current) && seen.size() <= MAX_HOPS) {
            lock("pg_advisory_xact_lock_shared", tenantId, current);
            Optional<String> next = mergedInto(tenantId, current);
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        return current;
    }

    /** The caller, acting for the user its user was merged into (same tenant and roles). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Caller owner(Caller caller) {
        String owner = owner(caller.tenantId(), caller.userId());
        return owner.equals(caller.userId()) ? caller : new Caller(caller.tenantId(), owner, caller.roles());
    }

    /**
     * Records the merge and holds the session's lock exclusively until the move commits; called
     * before the move reads any row, so that no write for the session slips in between.
     */
    void merge(String tenantId, String fromUserId, String toUserId) {
        lock("pg_advisory_xact_lock", tenantId, fromUserId);
        if (fromUserId.equals(toUserId)) {
            return;
        }
        // The latest link decides where a session's later writes go.
        Statements.update(jdbc, """
                INSERT INTO merged_users (tenant_id, from_user, to_user) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, from_user) DO UPDATE SET to_user = EXCLUDED.to_user, merged_at = now()""",
                tenantId, fromUserId, toUserId);
    }

    /** Forgets every merge naming these users: the ids are theirs as much as the data was. */
    int forget(String tenantId, List<String> userIds) {
        String[] users = userIds.toArray(String[]::new);
        return jdbc.prepareStatement("DELETE FROM merged_users WHERE tenant_id = ? AND (from_user = ANY (?) OR to_user = ANY (?))",
                statement -> {
                    statement.setString(1, tenantId);
                    statement.setArray(2, statement.getConnection().createArrayOf("text", users));
                    statement.setArray(3, statement.getConnection().createArrayOf("text", users));
                    return statement.executeUpdate();
                });
    }

    private void lock(String function, String tenantId, String userId) {
        jdbc.prepareStatement("SELECT " + function + "(" + LOCK_KEY + ")", (PreparedStatement statement) -> {
            statement.setString(1, tenantId);
            statement.setString(2, userId);
            return statement.execute();
        });
    }

    private Optional<String> mergedInto(String tenantId, String userId) {
        return jdbc.prepareStatement("SELECT to_user FROM merged_users WHERE tenant_id = ? AND from_user = ?",
                (PreparedStatement statement) -> {
                    statement.setString(1, tenantId);
                    statement.setString(2, userId);
                    try (ResultSet result = statement.executeQuery()) {
                        return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
                    }
                });
    }
}
