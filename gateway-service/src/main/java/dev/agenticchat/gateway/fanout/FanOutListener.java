package dev.agenticchat.gateway.fanout;

import dev.agenticchat.gateway.config.InstanceId;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Consumes every partition of the event topics, with no consumer group (broadcast, from the
 * latest offset, its place kept in memory through broker outages): every gateway instance sees
 * every event and serves its own sockets.
 */
@Singleton
class FanOutListener {
    private final EventConsumers consumers;
    private final FanOut fanOut;
    private final FanOutSettings settings;
    private final InstanceId instance;

    FanOutListener(EventConsumers consumers, FanOut fanOut, FanOutSettings settings, InstanceId instance) {
        this.consumers = consumers;
        this.fanOut = fanOut;
        this.settings = settings;
        this.instance = instance;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.broadcast("gateway-" + instance.value(), settings.topics().toArray(String[]::new)),
                fanOut);
    }
}
