package dev.agenticchat.agent.messaging;

import dev.agenticchat.agent.turn.RunningTurns;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.CancelTurn;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stop requests from {@code agent.commands.v1}. Any worker may be running the turn, so each
 * one reads every command (a group of its own) and acts on the turns it runs, only for the
 * tenant and user the command names.
 */
@Singleton
class CancelTurnListener {
    private static final Logger LOG = LoggerFactory.getLogger(CancelTurnListener.class);

    private final EventConsumers consumers;
    private final EventCodec codec;
    private final RunningTurns running;

    CancelTurnListener(EventConsumers consumers, EventCodec codec, RunningTurns running) {
        this.consumers = consumers;
        this.codec = codec;
        this.running = running;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.broadcast("agent-commands-" + UUID.randomUUID(), Topics.AGENT_COMMANDS), this::handle);
    }

    void handle(EventEnvelope event) {
        if (!CancelTurn.TYPE.equals(event.type()) || event.tenantId() == null || event.userId() == null) {
            return;
        }
        if (codec.decode(event) instanceof CancelTurn cancel && running.cancel(cancel.threadId(), cancel.turnId(), event.tenantId(), event.userId())) {
            LOG.info("turn of thread {} stopped at the user's request", cancel.threadId());
        }
    }
}
