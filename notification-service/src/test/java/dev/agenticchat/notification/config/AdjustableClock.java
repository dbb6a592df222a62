package dev.agenticchat.notification.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, moved forward on demand: tests see a code expire without waiting ten
 * minutes. It only ever moves forward, so tests sharing a context never see time go back.
 */
public final class AdjustableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }

    @Factory
    static class TestClocks {
        @Singleton
        @Replaces(bean = Clock.class, factory = Clocks.class)
        AdjustableClock clock() {
            return new AdjustableClock();
        }
    }
}
