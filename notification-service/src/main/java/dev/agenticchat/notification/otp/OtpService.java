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

/**
 * Issues and checks one-time codes. A request is limited per address and per client IP (in the
 * database, under advisory locks, so the limits hold across replicas), supersedes the live code
 * of the same tenant, address and purpose, and queues the mail through the outbox in the same
 * transaction: the code is mailed if and only if it was stored.
 */
@Singleton
class OtpService {
    static final String TEMPLATE = "otp_code";

    private final OtpStore store;
    private final CodeHasher hasher;
    private final ParamSealer sealer;
    private final Outbox outbox;
    private final OtpSettings settings;
    private final EmailSettings email;
    private final Clock clock;

    OtpService(OtpStore store, CodeHasher hasher, ParamSealer sealer, Outbox outbox, OtpSettings settings,
               EmailSettings email, Clock clock) {
        this.store = store;
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
        store.lock("otp-ip:" + clientIp);
        store.lock("otp-email:" + address);
        Instant since = now.minus(settings.getRateWindow());
        Optional<Duration> wait = RateLimits.waitBeforeNext(store.requestTimes(OtpStore.RateKey.CLIENT_IP, clientIp, since),
                        settings.getMaxPerIp(), settings.getRateWindow(), now)
                .or(() -> RateLimits.waitBeforeNext(store.requestTimes(OtpStore.RateKey.EMAIL, address, since),
                        settings.getMaxPerAddress(), settings.getRateWindow(), now));
        if (wait.isPresent()) {
            throw new RateLimited(wait.get());
        }
        store.recordRequest(address, clientIp, now);
        store.supersedeLive(tenantId, address, purpose);
        UUID id = UUID.randomUUID();
        String code = hasher.newCode();
        store.insert(id, tenantId, address, purpose, hasher.hash(tenantId, address, purpose, code), now,
                now.plus(settings.getTtl()));
        Map<String, String> params = Map.of(
                "purpose", purpose.id(),
                "code", sealer.seal(code),
                "minutes", String.valueOf(Math.max(1, settings.getTtl().toMinutes())));
        outbox.append(email.getRequestsTopic(), new SendEmail(TEMPLATE, address, null, params, tenantId, userId),
                new EventContext(tenantId, userId, null, id.toString()));
    }

    @Transactional
    Verification verify(String tenantId, String address, Purpose purpose, String code) {
        Optional<OtpCode> newest = store.newestForUpdate(tenantId, address, purpose);
        if (newest.isEmpty()) {
            // Same answer as a wrong code: nobody learns which addresses have asked for codes.
            return new Verification.Rejected(Verification.Reason.INVALID_CODE);
        }
        OtpCode otp = newest.get();
        switch (otp.status()) {
            case OtpCode.USED:
                return new Verification.Rejected(Verification.Reason.USED);
            case OtpCode.DEAD:
                return new Verification.Rejected(Verification.Reason.TOO_MANY_ATTEMPTS);
            case OtpCode.LIVE:
                break;
            default:
                return new Verification.Rejected(Verification.Reason.INVALID_CODE);
        }
        Instant now = clock.instant();
        if (!now.isBefore(otp.expiresAt())) {
            return new Verification.Rejected(Verification.Reason.EXPIRED);
        }
        if (!CodeHasher.same(otp.codeHash(), hasher.hash(tenantId, address, purpose, code))) {
            boolean dead = otp.failedAttempts() + 1 >= settings.getMaxAttempts();
            store.recordWrongTry(otp.id(), dead);
            return new Verification.Rejected(dead ? Verification.Reason.TOO_MANY_ATTEMPTS : Verification.Reason.INVALID_CODE);
        }
        store.markUsed(otp.id(), now);
        return new Verification.Verified(address);
    }
}
