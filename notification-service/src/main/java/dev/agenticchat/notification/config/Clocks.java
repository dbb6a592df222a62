package dev.agenticchat.notification.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The time source of expiry and rate limits, one bean so a test can replace it. */
@Factory
class Clocks {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
