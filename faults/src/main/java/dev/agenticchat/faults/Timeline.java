package dev.agenticchat.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** When turns ended, and the faults of a scenario: a fault's recovery is its end to the next completed turn. */
final class Timeline {
    record Fault(String what, Instant startedAt, Instant endedAt) {
    }

    private final List<Turn> ended = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();

    synchronized void ended(Turn turn) {
        ended.add(turn);
    }

    synchronized void fault(String what, Instant startedAt, Instant endedAt) {
        faults.add(new Fault(what, startedAt, endedAt));
    }

    synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }

    synchronized long completedCount() {
        return ended.stream().filter(t -> t.outcome == Turn.Outcome.COMPLETED).count();
    }

    /** From the fault's end to the first turn completing after it; empty when none did. */
    synchronized Optional<Duration> recovery(Fault fault) {
        return ended.stream()
                .filter(t -> t.outcome == Turn.Outcome.COMPLETED && !t.endedAt.isBefore(fault.endedAt()))
                .map(t -> Duration.between(fault.endedAt(), t.endedAt))
                .min(Duration::compareTo);
    }
}
