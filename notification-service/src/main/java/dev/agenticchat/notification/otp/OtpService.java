package dev.agenticchat.notification.otp;

import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.notification.email.EmailSettings;
import dev.agenticchat.notification.email.ParamSealer;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and checks one-time codes. A request is limited per address and per client IP (in the
 * database, under advisory locks, so the limits hold across replicas), supersedes the live code
 * of the same tenant, address and purpose, and queues the mail through the outbox in the same
 * transaction: the code is mailed if and only if it was stored. Failed checks are counted per
 * address and per client IP across codes, and lock them out for longer each time (see
 * {@link Lockouts}).
 */
@Singleton
class OtpService {
    private static final Logger LOG = LoggerFactory.getLogger(OtpService.class);
    static final String TEMPLATE = "otp_code";

    private final OtpRepository repository;
    private final CodeHasher hasher;
    private final ParamSealer sealer;
    private final Outbox outbox;
    private final OtpSettings settings;
    private final EmailSettings email;
    private final Clock clock;

    OtpService(OtpRepository repository, CodeHasher hasher, ParamSealer sealer, Outbox outbox, OtpSettings settings,
               EmailSettings email, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.sealer = sealer;
        this.outbox = outbox;
        this.settings = settings;
        this.email = email;
        this.clock = clock;
    }

    @Transactional
    void request(String tenantId, String address, Purpose purpose, String clientIp, @Nullable String userId) {
        Instant now = clock.instant();
        // Always the same order (IP, then address), so two requests never wait on each other crosswise.
        repository.lock("otp-ip:" + clientIp);
        repository.lock("otp-email:" + address);
        Instant since = now.minus(settings.getRateWindow());
        Optional<Duration> wait = RateLimits.waitBeforeNext(
                        repository.requestTimes(OtpRepository.RateKey.CLIENT_IP, clientIp, since),
                        settings.getMaxPerIp(), settings.getRateWindow(), now)
                .or(() -> RateLimits.waitBeforeNext(repository.requestTimes(OtpRepository.RateKey.EMAIL, address, since),
                        settings.getMaxPerAddress(), settings.getRateWindow(), now));
        if (wait.isPresent()) {
            throw new RateLimited(wait.get());
        }
        repository.recordRequest(address, clientIp, now);
        repository.supersedeLive(tenantId, address, purpose);
        UUID id = UUID.randomUUID();
        String code = hasher.newCode();
        repository.insert(id, tenantId, address, purpose, hasher.hash(tenantId, address, purpose, code), now,
                now.plus(settings.getTtl()));
        Map<String, String> params = Map.of(
                "purpose", purpose.id(),
                "code", sealer.seal(code),
                "minutes", String.valueOf(Math.max(1, settings.getTtl().toMinutes())));
        outbox.append(email.getRequestsTopic(), new SendEmail(TEMPLATE, address, null, params, tenantId, userId),
                new EventContext(tenantId, userId, null, id.toString()));
    }

    /**
     * Checks a code. Every failure counts against the address and, when the gateway passed it,
     * the client IP, whichever code it was for; while either is locked out even the right code
     * fails, and the caller cannot tell: every refusal is the same.
     */
    @Transactional
    Verification verify(String tenantId, String address, Purpose purpose, String code, @Nullable String clientIp) {
        Instant now = clock.instant();
        // The same locks, in the same order, as a request: checks and requests of one address or IP queue up.
        if (clientIp != null) {
            repository.lock("otp-ip:" + clientIp);
        }
        repository.lock("otp-email:" + address);
        String addressSubject = hasher.subject("address", address);
        String ipSubject = clientIp == null ? null : hasher.subject("ip", clientIp);
        Lockouts.Failures forAddress = Lockouts.current(repository.failures(addressSubject).orElse(null),
                settings.getFailureMemory(), now);
        Lockouts.Failures forIp = ipSubject == null ? null
                : Lockouts.current(repository.failures(ipSubject).orElse(null), settings.getFailureMemory(), now);
        Optional<OtpCode> newest = repository.newestForUpdate(tenantId, address, purpose);
        boolean live = newest.isPresent() && OtpCode.LIVE.equals(newest.get().status()) && now.isBefore(newest.get().expiresAt());
        // Looked up and hashed before the lockout is consulted, so a locked answer takes no less time.
        boolean right = live && CodeHasher.same(newest.get().codeHash(), hasher.hash(tenantId, address, purpose, code));
        if (forAddress.lockedAt(now) || (forIp != null && forIp.lockedAt(now))) {
            // Not counted, and the code stays as it was: a lockout ends on time however often it is knocked on.
            return Verification.REJECTED;
        }
        if (right) {
            repository.markUsed(newest.get().id(), now);
            // The holder of the address proved it; the IP's count stays, or one good code would wash a guesser's clean.
            repository.forgetFailures(addressSubject);
            return new Verification.Verified(address);
        }
        if (live) {
            repository.recordWrongTry(newest.get().id(), newest.get().failedAttempts() + 1 >= settings.getMaxAttempts());
        }
        fail(addressSubject, forAddress, settings.getLockoutAfter(), "an address", now);
        if (ipSubject != null) {
            fail(ipSubject, forIp, settings.getLockoutAfterPerIp(), "a client IP", now);
        }
        return Verification.REJECTED;
    }

    private void fail(String subject, Lockouts.Failures current, int threshold, String what, Instant now) {
        Lockouts.Failures after = Lockouts.afterFailure(current, threshold, settings.getLockoutDurations(), now);
        repository.saveFailures(subject, after);
        if (after.lockouts() > current.lockouts()) {
            LOG.info("Code checks for {} locked until {} after {} failures (lockout {})", what, after.lockedUntil(), threshold,
                    after.lockouts());
        }
    }
}
