package dev.agenticchat.agent.turn;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.agent.llm.Pricing;
import dev.agenticchat.agent.llm.UnitPrices;
import dev.agenticchat.agent.summary.ThreadActivity;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.identity.MergedUsers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The turn's state changes; a turn's end is written together with its end event (published
 * after commit by {@link TurnEndPublisher}) and is also the thread's latest activity. Texts are stored (and announced) without NUL
 * characters, which Postgres TEXT cannot hold. A turn belongs to whoever its session was linked
 * to: resolved when the turn starts and again when it ends, as the first thing in each
 * transaction ({@link MergedUsers}), so neither the turn nor its answer stays with a retired id.
 */
@Singleton
class TurnService {
    private final TurnRepository turns;
    private final EventCodec codec;
    private final ThreadActivity activity;
    private final MergedUsers merged;

    TurnService(TurnRepository turns, EventCodec codec, ThreadActivity activity, MergedUsers merged) {
        this.turns = turns;
        this.codec = codec;
        this.activity = activity;
        this.merged = merged;
    }

    /**
     * Leases the turn of a message to {@code worker}: a new turn, or one left {@code running}
     * by a worker whose lease expired (it died mid-turn). Tells the caller to wait while
     * another worker's lease is live, and to drop the message once the turn has ended. Notes
     * the thread's activity in the same transaction (a redelivery cannot move it back).
     */
    @Transactional
    Claim claim(MessagePosted message, String worker, Duration lease) {
        String owner = merged.owner(message.tenantId(), message.userId());
        boolean leased = turns.startOrLease(UUID.randomUUID(), message.messageId(), message.threadId(),
                message.tenantId(), owner, StoredText.of(message.content()), UUID.randomUUID(), Instant.now(), worker,
                lease.toMillis() / 1000.0) == 1;
        activity.messagePosted(message, owner);
        Turn turn = turns.findByMessageId(message.messageId()).orElseThrow();
        if (leased) {
            return Claim.run(turn);
        }
        return turn.isRunning() ? Claim.heldUntil(turn.leaseUntil()) : Claim.ended(turn);
    }

    /** Returns the end to publish, or empty if the turn had ended or is no longer this worker's. */
    @Transactional
    Optional<TurnEnd> complete(Turn turn, String worker, String answer, Usage usage, List<String> artifactIds,
                               List<TurnCompleted.Citation> citations) {
        String owner = merged.owner(turn.tenantId(), turn.userId());
        String content = StoredText.of(answer);
        Instant now = endTime();
        TurnCompleted event = new TurnCompleted(turn.id().toString(), turn.threadId(), turn.messageId(),
                turn.assistantMessageId().toString(), content,
                new TurnCompleted.Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens(), usage.llmCalls()),
                new TurnCompleted.Cost(UnitPrices.plain(usage.cost()), Pricing.CURRENCY),
                List.copyOf(artifactIds), List.copyOf(citations), now);
        UUID eventId = UUID.randomUUID();
        String data = json(event);
        if (turns.markCompleted(turn.id(), worker, owner, content, usage.inputTokens(), usage.outputTokens(), now,
                eventId, data) == 0) {
            return Optional.empty();
        }
        activity.turnEnded(turn.threadId(), turn.tenantId(), owner);
        return Optional.of(TurnEnd.of(codec.source(), turn.id(), true, eventId, now, turn.tenantId(), owner,
                turn.threadId(), data));
    }

    /** What the message's attachments added to the prompt, kept for the thread's later turns. */
    @Transactional
    void noteAttachedContext(Turn turn, String attachedContext) {
        turns.noteAttachedContext(turn.id(), attachedContext);
    }

    @Transactional
    Optional<TurnEnd> fail(Turn turn, String worker, @Nullable String partialAnswer, String code, String failure, Usage usage) {
        String owner = merged.owner(turn.tenantId(), turn.userId());
        String partialContent = StoredText.of(partialAnswer);
        String message = StoredText.of(failure);
        Instant now = endTime();
        TurnFailed event = new TurnFailed(turn.id().toString(), turn.threadId(), turn.messageId(), code, message, now);
        UUID eventId = UUID.randomUUID();
        String data = json(event);
        if (turns.markFailed(turn.id(), worker, owner, partialContent, code, message, usage.inputTokens(),
                usage.outputTokens(), now, eventId, data) == 0) {
            return Optional.empty();
        }
        activity.turnEnded(turn.threadId(), turn.tenantId(), owner);
        return Optional.of(TurnEnd.of(codec.source(), turn.id(), false, eventId, now, turn.tenantId(), owner,
                turn.threadId(), data));
    }

    /** The end event's data as stored (texts are already free of NUL characters). */
    private String json(DomainEvent event) {
        return new String(codec.toJson(event), StandardCharsets.UTF_8);
    }

    /** To the microsecond, as Postgres keeps it: the end published again has the very same time. */
    private static Instant endTime() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Tokens spent by the successful model calls of a turn, and what its calls cost: the sum of
     * their rows' costs in the request log (a failed call costs nothing).
     */
    record Usage(long inputTokens, long outputTokens, int llmCalls, BigDecimal cost) {
        static final Usage NONE = new Usage(0, 0, 0, BigDecimal.ZERO);

        long totalTokens() {
            return inputTokens + outputTokens;
        }

        Usage plus(long input, long output, BigDecimal callCost) {
            return new Usage(inputTokens + input, outputTokens + output, llmCalls + 1, cost.add(callCost));
        }
    }
}
