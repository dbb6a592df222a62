package dev.agenticchat.agent;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The time source of the current_datetime tool, one bean so a test can pin it. */
@Factory
class Clocks {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
