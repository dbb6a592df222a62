package dev.agenticchat.agent.turn;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a worker may do with the turn of a message it received: run it ({@code turn}), drop
 * it because it already ended ({@code turn} is the ended one), or wait because another live
 * worker holds it (a rebalance moved the message here while that worker still runs the turn)
 * until {@code heldUntil}.
 */
record Claim(@Nullable Turn turn, boolean ended, @Nullable Instant heldUntil) {

    static Claim ended(Turn turn) {
        return new Claim(turn, true, null);
    }

    static Claim run(Turn turn) {
        return new Claim(turn, false, null);
    }

    static Claim heldUntil(@Nullable Instant until) {
        return new Claim(null, false, until);
    }
}
