package dev.agenticchat.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns from a few users at once, each turn in a new thread asking for a chart (one tool call, one
 * artifact, then text), until the scenario's count is reached. A turn waits at the {@link Gate} so
 * a fault lands among the turns it is meant for.
 */
final class Traffic {
    /** Whether turn {@code index} may be sent yet. */
    interface Gate {
        boolean open(int index);
    }

    private final Settings settings;
    private final List<Client> clients;
    private final String scenario;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Turn> turns = Collections.synchronizedList(new ArrayList<>());

    Traffic(Settings settings, List<Client> clients, String scenario) {
        this.settings = settings;
        this.clients = clients;
        this.scenario = scenario;
    }

    int sent() {
        return sent.get();
    }

    /** All {@code count} turns were sent and each has ended (or given up). */
    boolean over(int count) {
        return sent.get() >= count && turns().stream().allMatch(t -> t.outcome != null);
    }

    List<Turn> turns() {
        synchronized (turns) {
            return new ArrayList<>(turns);
        }
    }

    /** Runs {@code count} more turns (numbered on from the previous call) and returns once all ended or the deadline passed. */
    void run(int count, Gate gate, Instant deadline) {
        int end = next.get() + count;
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        for (Client client : clients) {
            pool.submit(() -> {
                while (Instant.now().isBefore(deadline)) {
                    int index = next.getAndUpdate(i -> i < end ? i + 1 : i);
                    if (index >= end) {
                        return;
                    }
                    while (!gate.open(index) && Instant.now().isBefore(deadline)) {
                        Progress.pause(Duration.ofMillis(200));
                    }
                    String id = scenario + "-" + index + "-" + UUID.randomUUID();
                    Turn turn = new Turn(index, id, "[[tool:create_chart_artifact]] chart our quarterly sales (" + id + ")",
                            client.session().userId(), client.session().accessToken());
                    turns.add(turn);
                    sent.incrementAndGet();
                    try {
                        client.run(turn, settings.ackDeadline(), settings.turnDeadline());
                    } catch (RuntimeException e) {
                        Progress.say("%s turn %d: client error %s", scenario, index, e);
                        if (turn.outcome == null) {
                            turn.outcome = turn.acknowledged() ? Turn.Outcome.NO_OUTCOME : Turn.Outcome.NOT_ACKNOWLEDGED;
                        }
                    }
                }
            });
        }
        pool.shutdown();
        try {
            long wait = Math.max(1, Duration.between(Instant.now(), deadline).toSeconds()) + settings.turnDeadline().toSeconds()
                    + settings.ackDeadline().toSeconds();
            if (!pool.awaitTermination(wait, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
