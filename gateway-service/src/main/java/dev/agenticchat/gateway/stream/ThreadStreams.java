package dev.agenticchat.gateway.stream;

import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one road from a thread's events to whoever reads them (WebSocket sessions, SSE, ChatKit,
 * the OpenAI-compatible API): a reader subscribes, gets what it missed read back from the log, then
 * the live stream, each frame with a {@code seq} once and in order (docs/client-protocol.md,
 * "Resuming"). The caller has checked that the reader may see the thread.
 *
 * <p>Why nothing is lost at the hand-over: a subscription is registered first, so from then on the
 * live fan-out hands it every event (held back while its replay runs); the replay then reads the log
 * up to its end as of after the registration; whatever is in both is dropped by {@code seq}. And the
 * fan-out notes a turn's start before it looks up readers, while a subscription is registered before
 * it asks where the running turn starts: either the fan-out delivers the TurnStarted to it, or the
 * start is known and replayed.
 */
@Singleton
public class ThreadStreams {
    private final Map<String, Set<Subscription>> byThread = new ConcurrentHashMap<>();
    private final TurnStarts starts;
    private final ThreadLog log;
    private final String topic;
    private final Handover handover;

    ThreadStreams(TurnStarts starts, ThreadLog log, Handover handover, StreamSettings settings) {
        this.handover = handover;
        this.starts = starts;
        this.log = log;
        this.topic = settings.topic();
    }

    /**
     * Starts delivering the thread's events to {@code reader}: with {@code afterSeq}, everything after
     * it (or {@code history_required} when the log no longer has it all); without, a running turn from
     * its start. Frames reach the reader only after this returns.
     */
    public ThreadSubscription subscribe(String threadId, @Nullable Long afterSeq, ThreadReader reader) {
        Subscription subscription = register(threadId, reader, afterSeq == null ? -1 : afterSeq);
        Long running = starts.runningTurnStart(threadId);
        if (afterSeq != null) {
            log.replay(new ThreadLog.Request(subscription, StreamPositions.offsetOf(afterSeq), running, true));
        } else {
            start(subscription, running);
        }
        return subscription;
    }

    /**
     * For the sender of a message: the turn that answers it from its start, however late the sender
     * subscribes (the turn may be under way or over already), or the running turn if it has not begun.
     */
    public ThreadSubscription subscribeForMessage(String threadId, String messageId, ThreadReader reader) {
        Subscription subscription = register(threadId, reader, -1);
        Long own = starts.turnStartOf(threadId, messageId);
        start(subscription, own != null ? own : starts.runningTurnStart(threadId));
        return subscription;
    }

    /** The turn answering a message, when this instance saw it start (in the last {@link TurnStarts#KEPT_FOR}). */
    @Nullable
    public String turnAnswering(String threadId, String messageId) {
        return starts.turnIdOf(threadId, messageId);
    }

    private void start(Subscription subscription, @Nullable Long from) {
        if (from == null) {
            handover.live(subscription);
        } else {
            log.replay(new ThreadLog.Request(subscription, from, null, false));
        }
    }

    private Subscription register(String threadId, ThreadReader reader, long afterSeq) {
        Subscription subscription = new Subscription(threadId, reader, afterSeq, this::forget);
        byThread.compute(threadId, (id, subscriptions) -> {
            Set<Subscription> set = subscriptions != null ? subscriptions : ConcurrentHashMap.newKeySet();
            set.add(subscription);
            return set;
        });
        return subscription;
    }

    private void forget(Subscription subscription) {
        byThread.computeIfPresent(subscription.threadId(), (id, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    /** The topic whose records carry {@code seq}s (and whose turns are replayed). */
    public String topic() {
        return topic;
    }

    /** Called by the fan-out for each event of the replayed topic, before it looks the thread's readers up. */
    public void noted(String type, String threadId, long offset, @Nullable String turnId, @Nullable String messageId) {
        if (turnId == null) {
            return;
        }
        if (TurnStarted.TYPE.equals(type)) {
            starts.started(threadId, turnId, messageId, offset);
        } else if (TurnCompleted.TYPE.equals(type) || TurnFailed.TYPE.equals(type)) {
            starts.ended(threadId, turnId);
        }
    }

    /** The types {@link #noted} needs decoded even when nobody reads the thread. */
    public static boolean marksTurns(String type) {
        return TurnStarted.TYPE.equals(type) || TurnCompleted.TYPE.equals(type) || TurnFailed.TYPE.equals(type);
    }

    /** Hands a live frame to the thread's readers (the fan-out's part). */
    public Collection<Delivery> readers(String threadId) {
        Set<Subscription> subscriptions = byThread.get(threadId);
        if (subscriptions == null) {
            return List.of();
        }
        return subscriptions.stream().map(Delivery::new).toList();
    }

    /** One reader as the fan-out sees it: who it is, and where a live frame goes. */
    public static final class Delivery {
        private final Subscription subscription;

        private Delivery(Subscription subscription) {
            this.subscription = subscription;
        }

        public ThreadReader reader() {
            return subscription.reader();
        }

        public void live(dev.agenticchat.gateway.ws.ServerFrame frame, String json) {
            subscription.live(frame, json);
        }
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void expire() {
        starts.expire(Instant.now());
    }
}
