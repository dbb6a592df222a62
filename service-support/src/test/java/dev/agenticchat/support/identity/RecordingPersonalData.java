package dev.agenticchat.support.identity;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service's personal data as the identity protocol's test sees it: what the handler asked of it.
 * Only where {@code identity-it.enabled} is set, so the other tests' contexts hold no personal data
 * and start no identity consumer.
 */
@Singleton
@Requires(property = "identity-it.enabled", value = "true")
class RecordingPersonalData implements PersonalData {
    record Erasure(String tenantId, List<String> userIds, @Nullable String emailSha256) {
    }

    final List<Erasure> erasures = new CopyOnWriteArrayList<>();

    @Override
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        return 0;
    }

    @Override
    public int erase(String tenantId, List<String> userIds, String emailSha256) {
        erasures.add(new Erasure(tenantId, List.copyOf(userIds), emailSha256));
        return userIds.size();
    }
}
