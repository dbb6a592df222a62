package dev.agenticchat.gateway.auth;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users whose tokens must stop working before they expire: anonymous sessions merged into a
 * person. Only those merged within one access-token lifetime matter (older tokens have
 * expired and their refresh tokens were revoked), so the set stays small. Every instance
 * reloads it from the database every few seconds, and adds its own links at once.
 */
@Singleton
public class RetiredUsers {
    private static final Logger LOG = LoggerFactory.getLogger(RetiredUsers.class);

    private final UserRepository users;
    private final AccessTokens accessTokens;
    private volatile Set<UUID> retired = Set.of();
    private final Set<UUID> retiredHere = ConcurrentHashMap.newKeySet();

    RetiredUsers(UserRepository users, AccessTokens accessTokens) {
        this.users = users;
        this.accessTokens = accessTokens;
    }

    /** Whether tokens naming this subject must be refused. */
    public boolean isRetired(String subject) {
        try {
            UUID id = UUID.fromString(subject);
            return retired.contains(id) || retiredHere.contains(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void retiredNow(UUID userId) {
        retiredHere.add(userId);
    }

    @Scheduled(fixedDelay = "${gateway.auth.retired-users-refresh:3s}", initialDelay = "0s")
    void reload() {
        try {
            Set<UUID> fresh = Set.copyOf(users.mergedSince(Instant.now().minus(accessTokens.ttl()).minusSeconds(60)));
            retired = fresh;
            retiredHere.removeIf(fresh::contains);
        } catch (RuntimeException e) {
            LOG.warn("could not reload retired users (keeping the last list): {}", e.getMessage());
        }
    }
}
