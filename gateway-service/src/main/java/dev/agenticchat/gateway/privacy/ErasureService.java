package dev.agenticchat.gateway.privacy;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Erasure of a person's data in a tenant, everywhere. The gateway erases its own part (the
 * users, their refresh tokens, an admin grant) in the transaction that records the request
 * and announces it (ErasureRequested); each other service erases its part and confirms
 * (ErasureCompleted). When all six have, the erasure is completed and forgets whom it was about.
 */
@Singleton
public class ErasureService {
    public static final String SERVICE = "gateway-service";
    public static final List<String> SERVICES = List.of("agent-service", "artifact-service", "chat-service",
            "gateway-service", "notification-service", "retrieval-service");

    private final ErasureRepository repository;
    private final Outbox outbox;

    ErasureService(ErasureRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /** {@code email} is normalized and proven by a delete_data code. */
    @Transactional
    public ErasureView start(UUID tenantId, String email) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UUID> persons = repository.personsWithEmail(tenantId, email);
        List<UUID> identities = persons.isEmpty() ? List.of() : repository.identitiesOf(persons);
        String[] userIds = identities.stream().map(UUID::toString).toArray(String[]::new);
        String emailHash = sha256(email);
        Erasure erasure = repository.save(new Erasure(UUID.randomUUID(), tenantId, userIds, emailHash, Erasure.PENDING, now, null));
        String subject = persons.isEmpty() ? erasure.id().toString() : persons.get(0).toString();
        EventContext context = new EventContext(tenantId.toString(), persons.isEmpty() ? null : subject, null, subject);
        outbox.append(Topics.IDENTITY_EVENTS,
                new ErasureRequested(erasure.id().toString(), tenantId.toString(), List.of(userIds), emailHash, now), context);

        // A handful of ids: the person and the sessions it linked.
        identities.forEach(repository::deleteRefreshTokens);
        identities.forEach(repository::unlink);
        identities.forEach(repository::forgetKeyAdmin);
        identities.forEach(repository::deleteUser);
        repository.deleteAdminGrant(tenantId, email);
        repository.confirm(erasure.id(), SERVICE, now);
        outbox.append(Topics.IDENTITY_EVENTS,
                new ErasureCompleted(erasure.id().toString(), tenantId.toString(), SERVICE, now), context);
        return view(erasure.id());
    }

    /**
     * Erases anonymous sessions of one tenant that nobody used for the retention, the same way:
     * the gateway's part now, the other services' on ErasureRequested. They never proved an
     * address, so the request carries no email hash and the services erase by user id alone.
     */
    @Transactional
    public UUID startForIdleSessions(UUID tenantId, List<UUID> userIds) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String[] ids = userIds.stream().map(UUID::toString).toArray(String[]::new);
        Erasure erasure = repository.save(new Erasure(UUID.randomUUID(), tenantId, ids, null, Erasure.PENDING, now, null));
        EventContext context = new EventContext(tenantId.toString(), null, null, erasure.id().toString());
        outbox.append(Topics.IDENTITY_EVENTS,
                new ErasureRequested(erasure.id().toString(), tenantId.toString(), List.of(ids), null, now), context);
        // Their refresh tokens go with them (ON DELETE CASCADE).
        userIds.forEach(repository::deleteUser);
        repository.confirm(erasure.id(), SERVICE, now);
        outbox.append(Topics.IDENTITY_EVENTS,
                new ErasureCompleted(erasure.id().toString(), tenantId.toString(), SERVICE, now), context);
        return erasure.id();
    }

    /** Records a service's confirmation; completes the erasure when all six confirmed. Idempotent. */
    @Transactional
    public void confirmed(UUID erasureId, String service, Instant at) {
        if (!SERVICES.contains(service) || repository.findByIdForUpdate(erasureId).isEmpty()) {
            return;
        }
        repository.confirm(erasureId, service, at);
        if (repository.confirmedBy(erasureId).containsAll(SERVICES)) {
            repository.complete(erasureId, Instant.now().truncatedTo(ChronoUnit.MICROS));
        }
    }

    @Transactional(readOnly = true)
    public ErasureView view(UUID id) {
        Erasure erasure = repository.findById(id).orElseThrow(() -> ApiProblem.notFound("erasure " + id));
        List<String> confirmed = repository.confirmedBy(id);
        List<String> pending = SERVICES.stream().filter(s -> !confirmed.contains(s)).toList();
        return new ErasureView(erasure.id(), erasure.status(), confirmed, pending, erasure.requestedAt(), erasure.completedAt());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
