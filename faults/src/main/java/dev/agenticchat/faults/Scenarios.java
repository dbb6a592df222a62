package dev.agenticchat.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The four scenarios of issue 17; each runs fresh users against the same running suite and returns its findings. */
final class Scenarios {
    /** The pace between scenarios: a few ms per token, as a real model streams, so a fault lands mid-turn. */
    static final Map<String, Object> USUAL_PACE = Map.of("first_token_delay_ms", 150, "token_delay_ms", 25,
            "fail_next_requests", 0, "fail_status", 500);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(2);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(120);

    private final Settings settings;
    private final LocalSuite suite;
    private final Api api;
    private final Random random;

    Scenarios(Settings settings, LocalSuite suite, Api api) {
        this.settings = settings;
        this.suite = suite;
        this.api = api;
        this.random = new Random(settings.seed());
    }

    Findings run(String name) {
        api.configureSimulator(USUAL_PACE);
        switch (name) {
            case "kill":
                return kills();
            case "kafka":
                return kafkaOutage();
            case "postgres":
                return postgresRestart();
            case "model":
                return model();
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /**
     * Every service SIGKILLed at least once (then some at random) while turns run, each restarted after
     * a short delay, one at a time; kill points are turn numbers drawn from the seed.
     */
    private Findings kills() {
        int turns = settings.killTurns();
        List<String> victims = new ArrayList<>(LocalSuite.SERVICES);
        Collections.shuffle(victims, random);
        for (int i = 0; i < settings.extraKills(); i++) {
            victims.add(LocalSuite.SERVICES.get(random.nextInt(LocalSuite.SERVICES.size())));
        }
        // One kill point drawn in each of as many equal stretches of the turns, so kills spread over the
        // run; at least two clients' worth of turns follow the last, so its recovery is measured too.
        List<Integer> points = new ArrayList<>();
        int first = Math.max(2, turns / 20);
        int last = Math.max(first + 1, turns - 2 * settings.clients() - 1);
        double stretch = (last - first) / (double) victims.size();
        for (int i = 0; i < victims.size(); i++) {
            points.add(first + (int) (i * stretch) + random.nextInt(Math.max(1, (int) stretch)));
        }
        List<Runnable> faults = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String victim : victims) {
            names.add("SIGKILL " + victim);
            faults.add(() -> {
                suite.kill(victim);
                Progress.pause(RESTART_DELAY);
                suite.restart(victim);
            });
        }
        return withFaults("kill", "SIGKILL of each service (" + victims.size() + " kills, seed " + settings.seed()
                + ") over " + turns + " turns, restarted after " + RESTART_DELAY.toSeconds() + " s", turns, points, names, faults, null, null);
    }

    private Findings kafkaOutage() {
        int turns = settings.trafficTurns();
        AtomicReference<Instant> back = new AtomicReference<>();
        Runnable outage = () -> {
            suite.stopKafka();
            Progress.say("Kafka stopped; starting it again in %d s", settings.kafkaDown().toSeconds());
            Progress.pause(settings.kafkaDown());
            Thread watcher = new Thread(() -> {
                while (back.get() == null) {
                    if (LocalSuite.listening(settings.kafkaPort())) {
                        back.set(Instant.now());
                    } else {
                        Progress.pause(Duration.ofMillis(100));
                    }
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            suite.startKafka();
        };
        return withFaults("kafka", "Kafka stopped for " + settings.kafkaDown().toSeconds() + " s mid-traffic, then started ("
                + turns + " turns)", turns, List.of(Math.max(2, turns / 4)), List.of("Kafka down " + settings.kafkaDown().toSeconds() + " s"),
                List.of(outage), back, 15.0);
    }

    private Findings postgresRestart() {
        int turns = settings.trafficTurns();
        Runnable restart = () -> {
            suite.stopPostgres();
            suite.startPostgres();
        };
        return withFaults("postgres", "Postgres restarted (fast shutdown, start) mid-traffic (" + turns + " turns)", turns,
                List.of(Math.max(2, turns / 4)), List.of("Postgres restart"), List.of(restart), null, null);
    }

    /**
     * Runs the turns with the faults at their points: fault k starts (after a random 0–1.5 s, so it lands
     * mid-turn, while an answer streams) once turn {@code points[k]} was sent; turns more than a client
     * count past the next fault's point wait for it, so every fault meets traffic. Faults run one at a
     * time, each after the previous one's recovery (waited for at most 2 minutes); a fault ends when its
     * action returns (a restarted service is ready) or, for Kafka, when {@code back} is set.
     */
    private Findings withFaults(String scenario, String description, int turns, List<Integer> points, List<String> names,
                                List<Runnable> faults, AtomicReference<Instant> back, Double recoveryTarget) {
        Progress.say("scenario %s: %s", scenario, description);
        Instant began = Instant.now();
        Timeline timeline = new Timeline();
        List<Client> clients = clients(timeline);
        Traffic traffic = new Traffic(settings, clients, scenario);
        AtomicInteger done = new AtomicInteger();
        int lag = clients.size();
        // Turns up to this index may be sent: a client count past the next fault's point, so the
        // fault meets turns in flight and turns sent during it, and the traffic cannot run out before it.
        AtomicInteger allowed = new AtomicInteger(points.get(0) + lag);
        Instant deadline = began.plus(scenarioBudget(turns, faults.size()));
        Thread faulter = new Thread(() -> {
            for (int k = 0; k < faults.size(); k++) {
                while (traffic.sent() < points.get(k) + 1 && Instant.now().isBefore(deadline)) {
                    Progress.pause(Duration.ofMillis(100));
                }
                Progress.pause(Duration.ofMillis(random.nextInt(1500)));
                // Mid-turn: while some answer is streaming (waited for at most 10 s).
                Instant streaming = Instant.now().plusSeconds(10);
                while (traffic.turns().stream().noneMatch(t -> t.firstDeltaAt != null && t.endedAt == null)
                        && Instant.now().isBefore(streaming)) {
                    Progress.pause(Duration.ofMillis(20));
                }
                Instant start = Instant.now();
                Progress.say("%s: %s at turn %d", scenario, names.get(k), traffic.sent());
                try {
                    faults.get(k).run();
                } catch (RuntimeException e) {
                    Progress.say("%s: %s failed: %s", scenario, names.get(k), e.getMessage());
                }
                Instant end = back != null && back.get() != null ? back.get() : Instant.now();
                timeline.fault(names.get(k), start, end);
                Progress.say("%s: %s over after %.1f s", scenario, names.get(k), Duration.between(start, end).toMillis() / 1000.0);
                done.incrementAndGet();
                // The next fault waits for this one's recovery (bounded), so each recovery time is its own;
                // meanwhile one more turn may go (with those in flight, enough to see one complete).
                allowed.set(Math.max(allowed.get(), traffic.sent() + 1));
                Instant recoveredBy = Instant.now().plus(RECOVERY_WAIT);
                while (timeline.recovery(timeline.faults().get(k)).isEmpty() && Instant.now().isBefore(recoveredBy)
                        && Instant.now().isBefore(deadline) && !traffic.over(turns)) {
                    Progress.pause(Duration.ofMillis(200));
                }
                allowed.set(k + 1 < points.size() ? Math.max(points.get(k + 1), traffic.sent()) + lag : Integer.MAX_VALUE);
            }
        }, "faults-" + scenario);
        faulter.start();
        traffic.run(turns, index -> index <= allowed.get(), deadline);
        try {
            faulter.join(Duration.ofMinutes(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Findings findings = Findings.of(scenario, description, traffic.turns(), clients, api, timeline, began, recoveryTarget);
        findings.expect("every fault ran while turns were being sent", done.get() == faults.size());
        clients.forEach(Client::close);
        return findings;
    }

    /**
     * A slow model (long time to first token, slow tokens) must still answer; a model failing a few
     * requests, then every request, must end each turn clearly (answered after a retry, or failed with a
     * code), never hang; once it answers again, turns complete again.
     */
    private Findings model() {
        Progress.say("scenario model: slow, then briefly failing, then failing on every request, then healthy");
        Instant began = Instant.now();
        Timeline timeline = new Timeline();
        List<Client> clients = clients(timeline);
        Traffic traffic = new Traffic(settings, clients, "model");
        int phase = Math.max(clients.size(), settings.trafficTurns() / 5);
        Instant deadline = began.plus(scenarioBudget(phase * 4, 0));
        api.configureSimulator(Map.of("first_token_delay_ms", 4000, "token_delay_ms", 150));
        traffic.run(phase, index -> true, deadline);
        List<Turn> slow = traffic.turns();
        api.configureSimulator(Map.of("first_token_delay_ms", 150, "token_delay_ms", 25, "fail_next_requests", 2, "fail_status", 500));
        traffic.run(phase, index -> true, deadline);
        List<Turn> transientFailures = traffic.turns().subList(slow.size(), traffic.turns().size());
        Instant failingFrom = Instant.now();
        api.configureSimulator(Map.of("fail_next_requests", 1_000_000, "fail_status", 503));
        traffic.run(phase, index -> true, deadline);
        List<Turn> failing = traffic.turns().subList(slow.size() + transientFailures.size(), traffic.turns().size());
        api.configureSimulator(USUAL_PACE);
        timeline.fault("model failing every request", failingFrom, Instant.now());
        traffic.run(phase, index -> true, deadline);
        List<Turn> healthy = traffic.turns().subList(slow.size() + transientFailures.size() + failing.size(), traffic.turns().size());
        Findings findings = Findings.of("model", "slow model (first token 4 s, 150 ms/token): " + phase + " turns; failing 2 requests (500): "
                + phase + "; failing every request (503): " + phase + "; healthy again: " + phase, traffic.turns(), clients, api,
                timeline, began, null);
        findings.expect("slow model: every turn completed", slow.stream().allMatch(t -> t.outcome == Turn.Outcome.COMPLETED));
        findings.expect("briefly failing model: every turn completed or failed with a code",
                transientFailures.stream().allMatch(t -> t.outcome == Turn.Outcome.COMPLETED
                        || (t.outcome == Turn.Outcome.FAILED && t.failCode != null && !t.failCode.isBlank())));
        findings.expect("failing model: every turn failed with a code", failing.stream()
                .allMatch(t -> t.outcome == Turn.Outcome.FAILED && t.failCode != null && !t.failCode.isBlank()));
        findings.expect("healthy again: every turn completed", healthy.stream().allMatch(t -> t.outcome == Turn.Outcome.COMPLETED));
        findings.json().set("phases", Api.JSON.valueToTree(Map.of(
                "slow", summary(slow), "failing_2_requests", summary(transientFailures),
                "failing_every_request", summary(failing), "healthy_again", summary(healthy))));
        clients.forEach(Client::close);
        return findings;
    }

    private static Map<String, Object> summary(List<Turn> turns) {
        Map<String, Object> summary = new java.util.TreeMap<>();
        for (Turn turn : turns) {
            String key = turn.outcome == Turn.Outcome.FAILED ? "failed:" + turn.failCode : String.valueOf(turn.outcome).toLowerCase();
            summary.merge(key, 1, (a, b) -> (Integer) a + (Integer) b);
        }
        turns.stream().filter(t -> t.endedAt != null && t.ackAt != null)
                .mapToLong(t -> Duration.between(t.ackAt, t.endedAt).toMillis()).max()
                .ifPresent(ms -> summary.put("longest_turn_ms", ms));
        return summary;
    }

    /** A bound for the whole scenario: generous per turn and per fault, so a hang shows as a count, never as a stuck run. */
    private Duration scenarioBudget(int turns, int faults) {
        return Duration.ofSeconds(120 + turns * 6L + faults * (settings.startTimeout().toSeconds() / 2 + 60)
                + settings.kafkaDown().toSeconds());
    }

    private List<Client> clients(Timeline timeline) {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            clients.add(new Client(api, api.anonymousSession(), suite.webSocket(), suite.gateway(), timeline));
        }
        return clients;
    }
}
