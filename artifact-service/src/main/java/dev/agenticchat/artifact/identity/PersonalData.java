package dev.agenticchat.artifact.identity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.util.List;

/** Everything artifact-service keeps about a user, keyed by (tenant, user): artifacts, their versions and share links. */
@Singleton
class PersonalData {
    private final JdbcOperations jdbc;

    PersonalData(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives the person the linked session's artifacts (versions and links follow the artifact). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    int moveOwner(String tenantId, String fromUserId, String toUserId) {
        return update("UPDATE artifacts SET user_id = ? WHERE tenant_id = ? AND user_id = ?", toUserId, tenantId, fromUserId);
    }

    /** Deletes the users' artifacts; their versions and share links go with them (ON DELETE CASCADE). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    int erase(String tenantId, List<String> userIds) {
        int artifacts = 0;
        for (String userId : userIds) {
            artifacts += update("DELETE FROM artifacts WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
        }
        return artifacts;
    }

    private int update(String sql, String... values) {
        return jdbc.prepareStatement(sql, (PreparedStatement statement) -> {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        });
    }
}
