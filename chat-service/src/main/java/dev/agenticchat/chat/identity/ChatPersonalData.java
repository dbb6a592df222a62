package dev.agenticchat.chat.identity;

import dev.agenticchat.support.identity.PersonalData;
import dev.agenticchat.support.identity.Statements;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Everything chat-service keeps about a user, keyed by (tenant, user): threads, their messages and
 * attachments. A deleted attachment's blob is queued for deletion by the table's trigger in this
 * same transaction and deleted from the store after it commits (attachment/AttachmentSweeper).
 */
@Singleton
class ChatPersonalData implements PersonalData {
    private final JdbcOperations jdbc;

    ChatPersonalData(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Gives the person the linked session's threads and messages. A client_message_id the person
     * already used (never with UUIDs, but a client may choose its ids) is dropped from the moved
     * message so the unique index holds: it only served to deduplicate resends of that session. The
     * session's attachments, attached or not, move with it.
     */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        update("""
                UPDATE messages m SET client_message_id = NULL
                WHERE m.tenant_id = ? AND m.user_id = ? AND m.client_message_id IS NOT NULL
                  AND EXISTS (SELECT 1 FROM messages p WHERE p.tenant_id = m.tenant_id AND p.user_id = ?
                              AND p.client_message_id = m.client_message_id)""", tenantId, fromUserId, toUserId);
        update("UPDATE messages SET user_id = ? WHERE tenant_id = ? AND user_id = ?", toUserId, tenantId, fromUserId);
        update("UPDATE attachments SET user_id = ? WHERE tenant_id = ? AND user_id = ?", toUserId, tenantId, fromUserId);
        return update("UPDATE threads SET user_id = ? WHERE tenant_id = ? AND user_id = ?", toUserId, tenantId, fromUserId);
    }

    /** Deletes the users' attachments, threads (their messages go with them) and any message of theirs elsewhere. */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int erase(String tenantId, List<String> userIds, String emailSha256) {
        int threads = 0;
        for (String userId : userIds) {
            update("DELETE FROM attachments WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
            update("DELETE FROM messages WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
            threads += update("DELETE FROM threads WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
        }
        return threads;
    }

    private int update(String sql, String... values) {
        return Statements.update(jdbc, sql, values);
    }
}
