package dev.agenticchat.gateway.privacy;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Reads every service's ErasureCompleted (one durable group for all gateway instances) into the erasure's record. */
@Singleton
class ErasureConfirmationListener {
    static final String GROUP = "gateway-erasures";

    private final EventConsumers consumers;
    private final EventCodec codec;
    private final ErasureService erasures;

    ErasureConfirmationListener(EventConsumers consumers, EventCodec codec, ErasureService erasures) {
        this.consumers = consumers;
        this.codec = codec;
        this.erasures = erasures;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(GROUP, Topics.IDENTITY_EVENTS), this::apply);
    }

    void apply(EventEnvelope event) {
        if (!ErasureCompleted.TYPE.equals(event.type())) {
            return;
        }
        ErasureCompleted completed = (ErasureCompleted) codec.decode(event);
        UUID erasureId;
        try {
            erasureId = UUID.fromString(completed.erasureId());
        } catch (IllegalArgumentException e) {
            return;
        }
        erasures.confirmed(erasureId, completed.service(), completed.completedAt());
    }
}
