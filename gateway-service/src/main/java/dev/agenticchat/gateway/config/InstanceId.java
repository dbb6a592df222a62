package dev.agenticchat.gateway.config;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Identifies this gateway process. Each instance consumes the event topics in its own
 * consumer group, so every instance sees every event and serves its own sockets.
 */
@Singleton
public class InstanceId {
    private final String value = UUID.randomUUID().toString();

    public String value() {
        return value;
    }
}
