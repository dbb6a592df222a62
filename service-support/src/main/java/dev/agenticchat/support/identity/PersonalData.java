package dev.agenticchat.support.identity;

import java.util.List;

/**
 * What a service keeps about people, keyed by (tenant, user). A service that holds personal data
 * declares one bean of this type; {@link IdentityEventHandler} then applies identity events to it:
 * a linked session's data moves to the person, an erased person's data is deleted and the
 * erasure confirmed. Both run inside the handler's transaction.
 */
public interface PersonalData {

    /** Gives the person ({@code toUserId}) what the linked anonymous session held; how many records moved. */
    int moveOwner(String tenantId, String fromUserId, String toUserId);

    /**
     * Deletes everything held for these users (the person and the sessions linked to it) and,
     * where the service keeps data by address, for the address whose SHA-256 is given; how many
     * records went.
     */
    int erase(String tenantId, List<String> userIds, String emailSha256);
}
