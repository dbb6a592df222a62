package dev.agenticchat.agent.turn;

import dev.agenticchat.agent.llm.ModelStream;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.AgentEvent;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.ReasoningDelta;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.kafka.EventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ephemeral events of one turn, published on {@code agent.events.v1} in the order they
 * happen (one producer, one key), ahead of the turn's end event. A lost one is healed by the
 * durable TurnCompleted or TurnFailed, so a failed send is logged, not retried.
 */
final class TurnStream implements ModelStream {
    private static final Logger LOG = LoggerFactory.getLogger(TurnStream.class);

    private final EventPublisher publisher;
    private final Context trace = Context.current();
    private final EventContext context;
    private final String turnId;
    private final String threadId;
    private final DeltaCoalescer deltas;
    private final DeltaCoalescer reasoning;
    private volatile long firstTextAt;

    TurnStream(EventPublisher publisher, EventContext context, String turnId, ScheduledExecutorService scheduler,
               Duration deltaInterval) {
        this.publisher = publisher;
        this.context = context;
        this.turnId = turnId;
        this.threadId = context.threadId();
        // The first text and the first reasoning go out at once; the deltas after them may wait out the linger.
        this.deltas = new DeltaCoalescer((seq, delta) -> publish(new TextDelta(turnId, threadId, seq, delta), seq == 0),
                scheduler, deltaInterval);
        this.reasoning = new DeltaCoalescer((seq, delta) -> publish(new ReasoningDelta(turnId, threadId, seq, delta),
                seq == 0), scheduler, deltaInterval);
    }

    void started(String messageId, String model) {
        publish(new TurnStarted(turnId, threadId, messageId, model), true);
    }

    /** Streamed assistant text; coalesced before it is published. */
    @Override
    public void text(String delta) {
        if (firstTextAt == 0) {
            firstTextAt = System.nanoTime();
        }
        reasoning.flush();
        deltas.append(delta);
    }

    /** Streamed reasoning of the model, for agents that show it; coalesced like text, numbered apart from it. */
    @Override
    public void reasoning(String delta) {
        reasoning.append(delta);
    }

    /** A new model call begins; its text is a new paragraph of the answer, its reasoning one of the reasoning. */
    void newStep() {
        reasoning.newParagraph();
        deltas.newParagraph();
    }

    void toolCallStarted(String toolCallId, String toolName, String input) {
        reasoning.flush();
        deltas.flush();
        publish(new ToolCallStarted(turnId, threadId, toolCallId, toolName, input), true);
    }

    /** Carries the artifact the tool made, so clients get it in order, before the turn's answer. */
    void toolCallCompleted(String toolCallId, String toolName, String status, String output,
                                  @Nullable ArtifactSnapshot artifact) {
        publish(new ToolCallCompleted(turnId, threadId, toolCallId, toolName, status, output, artifact), true);
    }

    /**
     * Publishes the last buffered text and returns the whole answer. The turn's end event,
     * sent next through the same producer, follows these events on the thread's partition.
     */
    String finish() {
        reasoning.close();
        return deltas.close();
    }

    /** The {@link System#nanoTime()} of the turn's first streamed text; 0 while there is none. */
    long firstTextAt() {
        return firstTextAt;
    }

    /**
     * {@code now}: an event a client waits for (the turn's start, its first text, a tool's progress),
     * sent without the producer's linger ({@code KAFKA_PRODUCER_LINGER}); the later deltas of a
     * stream may wait for it and go out batched with other turns' deltas.
     */
    private void publish(AgentEvent event, boolean now) {
        // Deltas are flushed from the model's and the scheduler's threads: they carry the turn's trace all the same.
        try (Scope ignored = trace.makeCurrent()) {
            (now ? publisher.publishNow(Topics.AGENT_EVENTS, event, context)
                    : publisher.publish(Topics.AGENT_EVENTS, event, context)).whenComplete((metadata, error) -> {
                if (error != null) {
                    LOG.warn("turn {}: could not publish {}: {}", turnId, event.eventType(), error.toString());
                }
            });
        }
    }
}
