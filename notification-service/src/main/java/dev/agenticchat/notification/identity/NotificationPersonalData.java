package dev.agenticchat.notification.identity;

import dev.agenticchat.support.identity.PersonalData;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * What this service keeps about a person: mail logs (by user id and address), one-time codes
 * and code requests (by address), webhook deliveries carrying their events (by user id).
 * Addresses are matched by the SHA-256 of the normalised address, as ErasureRequested names them.
 */
@Singleton
class NotificationPersonalData implements PersonalData {
    private static final String EMAIL_HASH = "encode(sha256(convert_to(lower(trim(%s)), 'UTF8')), 'hex')";

    private final JdbcOperations jdbc;

    NotificationPersonalData(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives the person the linked session's mail log. */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        return jdbc.prepareStatement("UPDATE email_events SET user_id = ? WHERE tenant_id = ? AND user_id = ?", statement -> {
            statement.setString(1, toUserId);
            statement.setString(2, tenantId);
            statement.setString(3, fromUserId);
            return statement.executeUpdate();
        });
    }

    /** Deletes every row about the users or the address; returns how many. */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int erase(String tenantId, List<String> userIds, String emailSha256) {
        String[] users = userIds.toArray(String[]::new);
        int mails = jdbc.prepareStatement("DELETE FROM email_events WHERE tenant_id = ? AND (user_id = ANY (?) OR "
                + EMAIL_HASH.formatted("recipient") + " = ?)", statement -> {
            statement.setString(1, tenantId);
            statement.setArray(2, statement.getConnection().createArrayOf("text", users));
            statement.setString(3, emailSha256);
            return statement.executeUpdate();
        });
        int codes = jdbc.prepareStatement("DELETE FROM otp_codes WHERE tenant_id = ? AND " + EMAIL_HASH.formatted("email")
                + " = ?", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, emailSha256);
            return statement.executeUpdate();
        });
        int requests = jdbc.prepareStatement("DELETE FROM otp_requests WHERE " + EMAIL_HASH.formatted("email") + " = ?",
                statement -> {
                    statement.setString(1, emailSha256);
                    return statement.executeUpdate();
                });
        int deliveries = jdbc.prepareStatement("""
                DELETE FROM webhook_deliveries d USING webhook_subscriptions s
                WHERE s.id = d.subscription_id AND s.tenant_id = ? AND (d.payload::jsonb ->> 'userid') = ANY (?)""", statement -> {
            statement.setString(1, tenantId);
            statement.setArray(2, statement.getConnection().createArrayOf("text", users));
            return statement.executeUpdate();
        });
        return mails + codes + requests + deliveries;
    }
}
