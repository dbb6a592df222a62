package dev.agenticchat.artifact.identity;

import dev.agenticchat.support.identity.PersonalData;
import dev.agenticchat.support.identity.Statements;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/** Everything artifact-service keeps about a user, keyed by (tenant, user): artifacts, their versions and share links. */
@Singleton
class ArtifactPersonalData implements PersonalData {
    private final JdbcOperations jdbc;

    ArtifactPersonalData(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives the person the linked session's artifacts (versions and links follow the artifact). */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        return update("UPDATE artifacts SET user_id = ? WHERE tenant_id = ? AND user_id = ?", toUserId, tenantId, fromUserId);
    }

    /** Deletes the users' artifacts; their versions and share links go with them (ON DELETE CASCADE). */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int erase(String tenantId, List<String> userIds, String emailSha256) {
        int artifacts = 0;
        for (String userId : userIds) {
            artifacts += update("DELETE FROM artifacts WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
        }
        return artifacts;
    }

    private int update(String sql, String... values) {
        return Statements.update(jdbc, sql, values);
    }
}
