package dev.agenticchat.notification.otp;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets what no rule needs any more: requests outside the rate window, codes a day past
 * expiry, failed checks older than the failure memory.
 */
@Singleton
class OtpHousekeeping {
    private final OtpRepository repository;
    private final OtpSettings settings;
    private final Clock clock;

    OtpHousekeeping(OtpRepository repository, OtpSettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    @Transactional
    void purge() {
        Instant now = clock.instant();
        repository.purge(now.minus(settings.getRateWindow()), now.minus(Duration.ofDays(1)),
                now.minus(settings.getFailureMemory()), now);
    }
}
