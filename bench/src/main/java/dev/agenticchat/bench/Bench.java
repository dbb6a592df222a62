package dev.agenticchat.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The benchmark of issue 17 against a running suite ({@code ./suite start}): turns over real WebSockets, a floor
 * measured in the same run, memory and CPU of every process, retrieval. See README "Benchmarks" and
 * {@code bench/run --help}.
 */
public final class Bench {

    /** The user message of every turn: the simulator calls create_chart_artifact, then answers in text. */
    static final String CHART = "Make a bar chart of quarterly sales";

    /** Rate limits a benchmark can run into, with the suite's defaults (0 = no limit). */
    private static final Map<String, Integer> LIMITS = new LinkedHashMap<>();

    static {
        LIMITS.put("GATEWAY_ANONYMOUS_SESSIONS_PER_IP_PER_HOUR", 30);
        LIMITS.put("GATEWAY_WS_CONNECTIONS_PER_IP", 50);
        LIMITS.put("GATEWAY_WS_CONNECTIONS_PER_USER", 10);
        LIMITS.put("CHAT_TURNS_PER_USER_PER_MINUTE", 20);
        LIMITS.put("CHAT_RUNNING_TURNS_PER_USER", 3);
        LIMITS.put("CHAT_TURNS_PER_TENANT_PER_MINUTE", 600);
    }

    /** The paced scenario's turns must all run at once in the one agent worker, not wait for a free slot. */
    private static final String AGENT_CAPACITY = "AGENT_MAX_CONCURRENT_TURNS";
    private static final int AGENT_CAPACITY_DEFAULT = 256;
    private static final int PACED_USERS = 1000;
    /** The paced scenario's sizes: the target's 1,000, and 50, a size this 2-core machine keeps within it. */
    private static final String PACED_SIZES = "50," + PACED_USERS;
    private static final String PACED_SIZES_QUICK = "20,100";
    private static final int WARM_UP_TURNS = 300;
    private static final int WARM_UP_USERS = 10;
    /** The single scenario's own unmeasured turns, on its one user's socket. */
    private static final int SINGLE_WARM_UP_TURNS = 20;
    private static final Set<String> TURN_SCENARIOS = Set.of("single", "concurrent", "paced", "burst");

    private final Options options;
    private final Path root;
    private final Processes processes;
    private final Gateway gateway;
    private final String simulatorAdmin;
    private final String llmBaseUrl;
    private final Map<String, String> suiteEnv = new LinkedHashMap<>();
    private final String jdbcUrl;
    private final String kafka;
    private final String adminUser;
    private final String adminPassword;
    private final Duration timeout;
    private final List<Row> rows = new ArrayList<>();
    /** CPU rows, kept apart so each scenario's latencies come first in the table. */
    private final List<Row> cpuRows = new ArrayList<>();
    private final ObjectNode results = Gateway.JSON.createObjectNode();
    private Floor.Result floor;
    private double modelFirstChunkMs;
    private Retrieval retrieval;
    private String loadBefore;
    /** The scenarios (and the warm-up) before which the suite did not go idle within --quiet-wait-s. */
    private final List<String> notQuiet = new ArrayList<>();

    private Bench(Options options, Path root, Processes processes, Map<String, String> gatewayEnv,
                  Map<String, String> chatEnv, Map<String, String> agentEnv) {
        this.options = options;
        this.root = root;
        this.processes = processes;
        this.gateway = new Gateway(options.text("gateway", "http://127.0.0.1:8080"), 4);
        this.llmBaseUrl = agentEnv.getOrDefault("LLM_BASE_URL", "http://127.0.0.1:8090/v1");
        this.simulatorAdmin = llmBaseUrl.replaceFirst("/v1/?$", "");
        this.jdbcUrl = gatewayEnv.getOrDefault("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/agentic_chat");
        this.kafka = gatewayEnv.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        this.adminUser = System.getenv().getOrDefault("DATABASE_ADMIN_USER", "postgres");
        this.adminPassword = System.getenv().getOrDefault("DATABASE_ADMIN_PASSWORD", "postgres");
        this.timeout = Duration.ofSeconds(options.integer("timeout-s", 120, 120));
        for (String name : LIMITS.keySet()) {
            Map<String, String> env = name.startsWith("GATEWAY_") ? gatewayEnv : chatEnv;
            if (env.containsKey(name)) {
                suiteEnv.put(name, env.get(name));
            }
        }
        if (agentEnv.containsKey(AGENT_CAPACITY)) {
            suiteEnv.put(AGENT_CAPACITY, agentEnv.get(AGENT_CAPACITY));
        }
        for (String name : List.of("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS")) {
            if (gatewayEnv.containsKey(name)) {
                suiteEnv.put(name, gatewayEnv.get(name));
            }
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println(e.getMessage().isEmpty() ? Options.USAGE : e.getMessage() + "\n" + Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        try {
            Bench bench = connect(options, root);
            bench.run();
            System.exit(0);
        } catch (NotReady e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Finds the running suite, or says what to start. */
    private static Bench connect(Options options, Path root) throws Exception {
        Processes processes = Processes.find(root.resolve(".local"));
        List<String> missing = new ArrayList<>();
        for (String service : Processes.SERVICES) {
            if (processes.pid(service).isEmpty()) {
                missing.add(service);
            }
        }
        if (!missing.isEmpty()) {
            throw new NotReady("the suite is not running in " + root + " (no " + String.join(", ", missing)
                    + " in .local/run). Start it in another terminal, with the limits the benchmark needs off:\n\n  "
                    + recommendedStart() + "\n");
        }
        if (processes.pid(Processes.SIMULATOR).isEmpty()) {
            throw new NotReady("the suite runs without its LLM simulator (LLM_BASE_URL was set): the benchmark paces"
                    + " the simulator, so start the suite without LLM_BASE_URL");
        }
        String gatewayUrl = options.text("gateway", "http://127.0.0.1:8080");
        try {
            int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new NotReady("the gateway at " + gatewayUrl + " is not ready (readiness " + status + ")");
            }
        } catch (java.io.IOException e) {
            throw new NotReady("no gateway at " + gatewayUrl + " (" + e + "); start the suite: " + recommendedStart());
        }
        return new Bench(options, root, processes,
                Processes.environment(processes.pid("gateway-service").orElseThrow()),
                Processes.environment(processes.pid("chat-service").orElseThrow()),
                Processes.environment(processes.pid("agent-service").orElseThrow()));
    }

    /** Every limit the runs would hit, off (0). */
    static String recommendedStart() {
        StringBuilder line = new StringBuilder();
        LIMITS.keySet().forEach(name -> line.append(name).append("=0 "));
        return line.append(AGENT_CAPACITY).append('=').append(PACED_USERS).append(" ./suite start").toString();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        loadBefore = loadAverage();
        System.out.println("bench: suite in " + root + ", processes " + processes.pids());
        System.out.println("bench: the suite was started with (read from /proc/<pid>/environ of gateway and chat):");
        if (suiteEnv.isEmpty()) {
            System.out.println("  (none of the limits or infrastructure variables: all defaults)");
        }
        suiteEnv.forEach((k, v) -> System.out.println("  " + k + "=" + v));
        checkLimits();
        configureModel(0, 0);
        ObjectNode quiet = results.putObject("quiet_before");
        awaitQuiet(quiet, "warm-up");
        warmUp(results); // before the floor too: it measures the simulator's first chunk
        System.out.println("bench: measuring the floor (Postgres " + jdbcUrl + ", Kafka " + kafka + ")");
        floor = Floor.measure(jdbcUrl, adminUser, adminPassword, kafka, 50);
        modelFirstChunkMs = Stats.Summary.of(modelFirstChunk(20)).p50();
        System.out.printf("bench: floor: Postgres commit p50 %.2f ms, Kafka hop p50 %.2f ms (× %d per turn), WebSocket"
                        + " round trip p50 %.2f ms; ack floor %.2f ms, turn floor %.2f ms; simulator first chunk %.2f ms%n",
                floor.postgresCommit().p50(), floor.kafkaHop().p50(), Floor.KAFKA_HOPS_PER_TURN,
                floor.webSocketRoundTrip().p50(), floor.ackMs(), floor.turnMs(), modelFirstChunkMs);
        ObjectNode floorJson = results.putObject("floor");
        floorJson.set("postgres_commit_ms", Gateway.JSON.valueToTree(floor.postgresCommit()));
        floorJson.set("kafka_hop_ms", Gateway.JSON.valueToTree(floor.kafkaHop()));
        floorJson.put("kafka_hops_per_turn", Floor.KAFKA_HOPS_PER_TURN);
        floorJson.set("websocket_round_trip_ms", Gateway.JSON.valueToTree(floor.webSocketRoundTrip()));
        floorJson.put("ack_floor_ms", floor.ackMs());
        floorJson.put("turn_floor_ms", floor.turnMs());
        floorJson.put("simulator_first_chunk_ms", modelFirstChunkMs);
        ObjectNode scenarios = results.putObject("scenarios");
        try {
            for (String scenario : options.scenarios) {
                awaitQuiet(quiet, scenario);
                System.out.println("bench: scenario " + scenario);
                long t0 = System.nanoTime();
                ObjectNode result = scenarios.putObject(scenario);
                try {
                    switch (scenario) {
                        case "single" -> single(result);
                        case "concurrent" -> concurrent(result);
                        case "paced" -> paced(result);
                        case "burst" -> burst(result);
                        case "idle" -> idle(result);
                        case "ingest" -> ingest(result);
                        case "search" -> search(result);
                        default -> throw new IllegalArgumentException(scenario);
                    }
                } catch (Exception e) {
                    System.out.println("bench: scenario " + scenario + " failed: " + e
                            + (e.getCause() == null ? "" : ", because " + e.getCause()));
                    result.put("error", String.valueOf(e));
                } finally {
                    configureModel(0, 0);
                }
                rows.addAll(cpuRows);
                cpuRows.clear();
                result.put("seconds", (System.nanoTime() - t0) / 1e9);
                result.set("rss_mib_after", rss());
            }
        } finally {
            if (retrieval != null && options.flag("keep-knowledge-base")) {
                System.out.println("bench: knowledge base kept: " + retrieval.knowledgeBaseId());
            } else if (retrieval != null) {
                retrieval.cleanUp();
            }
            resetModel();
            gateway.close();
        }
        write(started);
    }

    /** Waits for the suite to go idle before {@code what}, and notes how long that took and how idle it was. */
    private void awaitQuiet(ObjectNode quiet, String what) throws InterruptedException {
        double maxCores = options.decimal("quiet-cores", 0.3);
        Quiet.Wait wait = Quiet.await(processes::cpuSnapshot, maxCores,
                options.integer("quiet-wait-s", 600, 120) * 1000L, what);
        quiet.putObject(what).put("waited_s", wait.seconds()).put("suite_cores", wait.cores())
                .put("idle", wait.quiet()).put("busiest", wait.busiest());
        if (!wait.quiet()) {
            notQuiet.add(what);
            System.out.printf("bench: the suite did not go idle before %s (%.2f cores: %s); measuring anyway%n", what,
                    wait.cores(), wait.busiest());
        } else if (wait.seconds() > 2 * Quiet.WINDOW_MS / 1000.0) {
            System.out.printf("bench: the suite went idle after %.0f s; %s next%n", wait.seconds(), what);
        }
    }

    private void checkLimits() {
        int single = options.scenarios.contains("single") ? options.integer("turns", 50, 20) + SINGLE_WARM_UP_TURNS : 0;
        int warmUpPerUser = options.integer("warm-up-turns", WARM_UP_TURNS, 60) / WARM_UP_USERS;
        // The concurrent scenario's users each run one unmeasured turn first.
        int turnsPerUser = options.integer("turns-per-user", 3, 3) + 1;
        int maxConcurrent = Collections.max(options.integers("concurrent", "100,500", "20,50"));
        List<Integer> pacedSizes = options.integers("paced-users", PACED_SIZES, PACED_SIZES_QUICK);
        int paced = Collections.max(pacedSizes);
        int pacedUsers = pacedSizes.stream().mapToInt(Integer::intValue).sum();
        int burst = options.integer("burst-users", 100, 20);
        int sockets = options.integer("idle-sockets", 20000, 200);
        Map<String, Integer> needs = new LinkedHashMap<>();
        needs.put("GATEWAY_ANONYMOUS_SESSIONS_PER_IP_PER_HOUR",
                2 + WARM_UP_USERS + maxConcurrent * options.integers("concurrent", "100,500", "20,50").size() + pacedUsers
                        + burst + sockets / 10 + 2);
        needs.put("GATEWAY_WS_CONNECTIONS_PER_IP", Math.max(Math.max(maxConcurrent, paced), Math.max(burst, sockets)));
        needs.put("CHAT_TURNS_PER_USER_PER_MINUTE", Math.max(Math.max(single, turnsPerUser), warmUpPerUser));
        needs.put("CHAT_TURNS_PER_TENANT_PER_MINUTE", Math.max(paced, maxConcurrent * turnsPerUser));
        List<String> short_ = new ArrayList<>();
        needs.forEach((name, need) -> {
            int limit = Integer.parseInt(suiteEnv.getOrDefault(name, String.valueOf(LIMITS.get(name))).trim());
            if (limit != 0 && limit < need) {
                short_.add(name + " is " + limit + (suiteEnv.containsKey(name) ? "" : " (default)") + ", the run needs "
                        + need);
            }
        });
        if (options.scenarios.contains("paced")) {
            int capacity = Integer.parseInt(suiteEnv.getOrDefault(AGENT_CAPACITY, String.valueOf(AGENT_CAPACITY_DEFAULT)).trim());
            if (capacity < paced) {
                short_.add(AGENT_CAPACITY + " is " + capacity + (suiteEnv.containsKey(AGENT_CAPACITY) ? "" : " (default)")
                        + ", the paced scenario runs " + paced + " turns at once");
            }
        }
        if (!short_.isEmpty()) {
            throw new NotReady("the suite's limits are too low for these sizes:\n  " + String.join("\n  ", short_)
                    + "\nRestart it (./suite stop, or Ctrl-C in its terminal) with:\n\n  " + recommendedStart() + "\n");
        }
    }

    /**
     * Unmeasured turns before the floor and the first scenario, so that neither measures the JITs (the services', the
     * simulator's) compiling a turn's code: straight after a start, one turn cost all processes 1.6–2.5 times the CPU
     * it cost a few hundred turns later.
     */
    private void warmUp(ObjectNode results) throws Exception {
        int turns = options.integer("warm-up-turns", WARM_UP_TURNS, 60);
        if (turns == 0 || options.scenarios.stream().noneMatch(TURN_SCENARIOS::contains)) {
            return;
        }
        System.out.println("bench: warming the suite up: " + turns + " turns by " + WARM_UP_USERS + " users, unmeasured");
        long t0 = System.nanoTime();
        List<User> connected = connectUsers(WARM_UP_USERS);
        try {
            List<User.Turn> turnsDone = runTurns(connected, Math.max(1, turns / WARM_UP_USERS), CHART);
            results.putObject("warm_up").put("turns", turnsDone.size())
                    .put("completed_live", turnsDone.stream().filter(User.Turn::completedLive).count())
                    .put("seconds", (System.nanoTime() - t0) / 1e9);
        } finally {
            close(connected);
        }
    }

    // --- scenarios -------------------------------------------------------------------------------------------

    private void single(ObjectNode result) throws Exception {
        int turns = options.integer("turns", 50, 20);
        User user = connectUsers(1).get(0);
        try {
            // With 2, a run straight after a start measured a third more to the first delta than the next run.
            for (int i = 0; i < SINGLE_WARM_UP_TURNS; i++) {
                requireCompleted(user.turn(CHART, timeout).get(), "warm-up turn");
            }
            Map<String, Double> cpu0 = processes.cpuSnapshot();
            List<User.Turn> done = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                done.add(user.turn(CHART, timeout).get());
            }
            Map<String, Double> cpu1 = processes.cpuSnapshot();
            String name = "single (1 at a time, n=" + turns + ")";
            record(result, name, done, stillAnswered(done));
            cpu(result, name, cpu0, cpu1, done.size());
            Stats.Summary first = Stats.Summary.of(values(done, User.Turn::firstDeltaMs));
            rows.add(Row.measured(name, "ack p50", Stats.Summary.of(values(done, User.Turn::ackMs)).p50(), "ms",
                    floor.ackMs()));
            rows.add(Row.atMost(name, "first delta p50", first.p50(), "ms", floor.turnMs(),
                    3 * floor.turnMs() + modelFirstChunkMs));
            rows.add(Row.measured(name, "done p50", Stats.Summary.of(values(done, User.Turn::completedMs)).p50(), "ms",
                    floor.turnMs()));
            notLiveRow(name, done);
        } finally {
            user.close();
        }
    }

    private void concurrent(ObjectNode result) throws Exception {
        int perUser = options.integer("turns-per-user", 3, 3);
        for (int users : options.integers("concurrent", "100,500", "20,50")) {
            ObjectNode r = result.putObject(String.valueOf(users));
            String name = "concurrent " + users + " (zero-latency model, " + perUser + " turns each)";
            List<User> connected = connectUsers(users);
            try {
                // One unmeasured round first, so that every measured turn is one of a conversation under way (the
                // JITs were warmed before the floor). Its turns count nowhere.
                runTurns(connected, 1, CHART);
                Map<String, Double> cpu0 = processes.cpuSnapshot();
                long t0 = System.nanoTime();
                List<User.Turn> turns = runTurns(connected, perUser, CHART);
                Map<String, Double> cpu1 = processes.cpuSnapshot();
                double seconds = (lastCompletion(turns, t0) - t0) / 1e9;
                long completed = turns.stream().filter(User.Turn::completedLive).count();
                record(r, name, turns, stillAnswered(turns));
                r.put("turns_per_second", completed / seconds);
                cpu(r, name, cpu0, cpu1, (int) completed, users == options.integers("concurrent", "100,500", "20,50").get(0));
                rows.add(Row.atLeast(name, "turns/s", completed / seconds, "turns/s", 50));
                rows.add(Row.measured(name, "ack p99", Stats.Summary.of(values(turns, User.Turn::ackMs)).p99(), "ms",
                        floor.ackMs()));
                rows.add(Row.measured(name, "first delta p99", Stats.Summary.of(values(turns, User.Turn::firstDeltaMs))
                        .p99(), "ms", floor.turnMs()));
                notLiveRow(name, turns);
            } finally {
                close(connected);
            }
        }
    }

    /**
     * The paced model at each of --paced-users; the targets (issue 17) are the largest size's, the smaller ones
     * show how many streaming turns at once the machine keeps within them.
     */
    private void paced(ObjectNode result) throws Exception {
        List<Integer> sizes = options.integers("paced-users", PACED_SIZES, PACED_SIZES_QUICK);
        int largest = sizes.stream().max(Integer::compare).orElseThrow();
        for (int users : sizes) {
            paced(result.putObject(String.valueOf(users)), users, users == largest);
        }
    }

    private void paced(ObjectNode result, int users, boolean targets) throws Exception {
        int firstTokenMs = options.integer("first-token-ms", 500, 500);
        int tokensPerSecond = options.integer("tokens-per-s", 30, 30);
        int tokens = options.integer("tokens", 200, 200);
        long tokenDelay = Math.round(1000.0 / tokensPerSecond);
        // Started evenly over about one turn's model time, the turns are all in flight at once by its end (the
        // steady state of that many concurrent conversations); --paced-ramp-ms=0 sends them all at one instant.
        int rampMs = options.integer("paced-ramp-ms", (int) (2L * firstTokenMs + tokens * tokenDelay),
                (int) (2L * firstTokenMs + tokens * tokenDelay));
        String content = CHART + " [[tool:create_chart_artifact]] [[text:" + words(tokens) + "]]";
        String name = "paced " + users + " (first token " + firstTokenMs + " ms, " + tokensPerSecond + " tokens/s, "
                + tokens + " tokens)";
        result.put("users", users).put("first_token_ms", firstTokenMs).put("token_delay_ms", tokenDelay)
                .put("tokens", tokens).put("ramp_ms", rampMs);
        List<User> connected = connectUsers(users);
        configureModel(firstTokenMs, tokenDelay);
        long agent = processes.pid("agent-service").orElseThrow();
        AtomicLong peakHeapKb = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peakHeapKb.accumulateAndGet(Processes.heapUsedKb(agent), Math::max);
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return; // stopped while jcmd ran: the scenario is over
                    }
                    System.out.println("bench: heap sample of agent-service failed: " + e.getMessage());
                }
            }
        }, "bench-heap");
        try {
            Map<String, Double> cpu0 = processes.cpuSnapshot();
            sampler.start();
            AtomicInteger peakInFlight = new AtomicInteger();
            List<User.Turn> turns = rampTurns(connected, content, rampMs, peakInFlight);
            sampler.interrupt();
            sampler.join();
            Map<String, Double> cpu1 = processes.cpuSnapshot();
            record(result, name, turns, stillAnswered(turns));
            cpu(result, name, cpu0, cpu1, turns.size());
            List<Double> overhead = new ArrayList<>();
            for (User.Turn t : turns) {
                if (t.firstDelta != 0) {
                    overhead.add(t.firstDeltaMs() - firstTokenMs);
                }
            }
            Stats.Summary o = Stats.Summary.of(overhead);
            result.set("platform_overhead_to_first_delta_ms", Gateway.JSON.valueToTree(o));
            result.put("agent_heap_peak_mib_sampled", peakHeapKb.get() / 1024.0);
            result.put("peak_turns_in_flight", peakInFlight.get());
            rows.add(Row.info(name, "turns in flight at once, peak (started over " + rampMs + " ms)", peakInFlight.get(),
                    "turns"));
            rows.add(Row.measured(name, "platform overhead to first delta p50", o.p50(), "ms", floor.turnMs()));
            if (targets) {
                rows.add(Row.atMost(name, "platform overhead to first delta p99", o.p99(), "ms", floor.turnMs(), 100));
                rows.add(Row.atMost(name, "agent-service heap, peak of samples every 3 s", peakHeapKb.get() / 1024.0,
                        "MiB", Double.NaN, 512));
            } else {
                rows.add(Row.measured(name, "platform overhead to first delta p99", o.p99(), "ms", floor.turnMs()));
                rows.add(Row.info(name, "agent-service heap, peak of samples every 3 s", peakHeapKb.get() / 1024.0,
                        "MiB"));
            }
            notLiveRow(name, turns);
        } finally {
            sampler.interrupt();
            close(connected);
        }
    }

    private void burst(ObjectNode result) throws Exception {
        int users = options.integer("burst-users", 100, 20);
        String name = "burst " + users + " (all send at once)";
        List<User> connected = connectUsers(users);
        try {
            Map<String, Double> cpu0 = processes.cpuSnapshot();
            long t0 = System.nanoTime();
            List<User.Turn> turns = runTurns(connected, 1, CHART);
            Map<String, Double> cpu1 = processes.cpuSnapshot();
            long completed = turns.stream().filter(User.Turn::completedLive).count();
            double seconds = (lastCompletion(turns, t0) - t0) / 1e9;
            record(result, name, turns, stillAnswered(turns));
            result.put("turns_per_second", completed / seconds);
            cpu(result, name, cpu0, cpu1, (int) completed);
            Stats.Summary ack = Stats.Summary.of(values(turns, User.Turn::ackMs));
            rows.add(Row.measured(name, "ack p50", ack.p50(), "ms", floor.ackMs()));
            rows.add(Row.atMost(name, "ack p99", ack.p99(), "ms", floor.ackMs(), 250));
            rows.add(Row.measured(name, "first delta p99", Stats.Summary.of(values(turns, User.Turn::firstDeltaMs)).p99(),
                    "ms", floor.turnMs()));
            rows.add(Row.info(name, "turns/s", completed / seconds, "turns/s"));
            notLiveRow(name, turns);
        } finally {
            close(connected);
        }
    }

    private void idle(ObjectNode result) throws Exception {
        int wanted = options.integer("idle-sockets", 20000, 200);
        long gatewayPid = processes.pid("gateway-service").orElseThrow();
        long fdLimit = Math.min(openFilesLimit("/proc/" + gatewayPid + "/limits"), openFilesLimit("/proc/self/limits"));
        int sockets = (int) Math.min(wanted, fdLimit - 1000);
        if (sockets < wanted) {
            System.out.println("bench: idle: " + wanted + " sockets need as many open files in the gateway and the"
                    + " bench; the limit is " + fdLimit + " (ulimit -n), so " + sockets + " are opened");
        }
        int perUser = Integer.parseInt(suiteEnv.getOrDefault("GATEWAY_WS_CONNECTIONS_PER_USER", "10"));
        if (perUser == 0) {
            perUser = 10;
        }
        long heap0 = Processes.heapUsedAfterGcKb(gatewayPid);
        long rss0 = Processes.statusKb(gatewayPid, "VmRSS");
        List<User> open = new ArrayList<>();
        try {
            int users = (sockets + perUser - 1) / perUser;
            List<String> tokens = tokens(users);
            Semaphore inFlight = new Semaphore(64);
            ConcurrentLinkedQueue<User> connected = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<User>> all = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                inFlight.acquire();
                all.add(User.connect(gateway, tokens.get(i / perUser)).whenComplete((u, e) -> {
                    inFlight.release();
                    if (u != null) {
                        connected.add(u);
                    } else {
                        errors.add(e);
                    }
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(timeout.toSeconds() * 5, TimeUnit.SECONDS);
            open.addAll(connected);
            if (!errors.isEmpty()) {
                throw new IllegalStateException(errors.size() + " of " + sockets + " sockets did not authenticate, first: "
                        + errors.peek());
            }
            long heap1 = Processes.heapUsedAfterGcKb(gatewayPid);
            long rss1 = Processes.statusKb(gatewayPid, "VmRSS");
            long stillOpen = open.stream().filter(u -> u.closedWith == null).count();
            double heapPerSocket = (heap1 - heap0) * 1024.0 / sockets / 1000;
            double rssPerSocket = (rss1 - rss0) * 1024.0 / sockets / 1000;
            result.put("sockets", sockets).put("sockets_still_open", stillOpen).put("heap_before_kib", heap0)
                    .put("heap_after_kib", heap1).put("rss_before_kib", rss0).put("rss_after_kib", rss1)
                    .put("heap_kb_per_socket", heapPerSocket).put("rss_kb_per_socket", rssPerSocket)
                    .put("method", "jcmd GC.run then GC.heap_info (used, all generations) before and after; RSS from"
                            + " /proc/<pid>/status VmRSS; difference divided by sockets; KB = 1000 bytes");
            String name = "idle " + sockets + " authenticated sockets";
            rows.add(Row.atMost(name, "gateway heap per socket (after GC)", heapPerSocket, "KB", Double.NaN, 20));
            rows.add(Row.info(name, "gateway RSS per socket", rssPerSocket, "KB"));
        } finally {
            close(open);
        }
    }

    private void ingest(ObjectNode result) throws Exception {
        int chunks = options.integer("ingest-chunks", 10000, 1000);
        retrieval = new Retrieval(gateway, jdbcUrl, adminUser, adminPassword);
        Map<String, Double> cpu0 = processes.cpuSnapshot();
        Retrieval.Ingestion ingestion = retrieval.ingest(chunks, 50, Duration.ofSeconds(Math.max(timeout.toSeconds(),
                chunks / 3)));
        Map<String, Double> cpu1 = processes.cpuSnapshot();
        result.setAll((ObjectNode) Gateway.JSON.valueToTree(ingestion));
        ObjectNode cpu = result.putObject("cpu_seconds");
        cpu1.forEach((k, v) -> cpu.put(k, v - cpu0.getOrDefault(k, v)));
        String name = "ingest " + ingestion.chunks() + " chunks (API upload, in-process MiniLM)"
                + (ingestion.complete() ? "" : " (timed out: " + ingestion.indexedDocuments() + " of "
                + ingestion.documents() + " documents indexed)");
        rows.add(Row.atLeast(name, "chunks/s", ingestion.chunksPerSecond(), "chunks/s", 300));
        double model = Retrieval.modelChunksPerSecond(256);
        result.put("model_alone_chunks_per_second", model);
        rows.add(Row.info(name, "floor: the same MiniLM alone in one process, same texts", model, "chunks/s"));
        rows.add(Row.info(name, "pipeline / model alone", 100 * ingestion.chunksPerSecond() / model, "%"));
        if (!ingestion.complete()) {
            throw new IllegalStateException("ingestion did not finish within its time: " + name);
        }
    }

    private void search(ObjectNode result) throws Exception {
        if (retrieval == null && options.flag("reuse-knowledge-base")) {
            retrieval = new Retrieval(gateway, jdbcUrl, adminUser, adminPassword);
            retrieval.adopt(options.text("reuse-knowledge-base", ""));
        }
        if (retrieval == null) {
            throw new IllegalStateException("search runs on the ingest scenario's knowledge base; ingest failed");
        }
        int chunks = options.integer("chunks", 100000, 5000);
        Retrieval.Search search = retrieval.search(chunks, options.integer("queries", 200, 50));
        result.setAll((ObjectNode) Gateway.JSON.valueToTree(search));
        result.put("method", "queries are eight words of API-ingested chunks; chunks beyond those ingested are made in"
                + " SQL from two ingested ones (half of each text, normalised sum of embeddings); exact = the query"
                + " embedded by the bench (same MiniLM), cosine over every row with index scans off (vector), fused with"
                + " the bench's own keyword ranking (the service's query without its pruning, over every matching"
                + " passage) by RRF (hybrid)");
        String name = "search " + search.chunks() + " chunks (" + search.syntheticChunks() + " made in SQL)";
        rows.add(Row.measured(name, "hybrid p50", search.hybridMs().p50(), "ms", Double.NaN));
        rows.add(Row.atMost(name, "hybrid p99", search.hybridMs().p99(), "ms", Double.NaN, 50));
        rows.add(Row.atLeast(name, "hybrid recall@10", search.hybridRecallAt10(), "", 0.95));
        rows.add(Row.info(name, "vector p99", search.vectorMs().p99(), "ms"));
        rows.add(Row.info(name, "vector recall@10", search.vectorRecallAt10(), ""));
        rows.add(Row.info(name, "keyword p99", search.keywordMs().p99(), "ms"));
        rows.add(Row.info(name, "keyword recall@40 (pruned vs every match ranked)", search.keywordRecallAt40(), ""));
    }

    // --- turns -----------------------------------------------------------------------------------------------

    private List<User> connectUsers(int count) throws Exception {
        List<String> tokens = tokens(count);
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<User>> futures = new ArrayList<>();
        for (String token : tokens) {
            inFlight.acquire();
            futures.add(User.connect(gateway, token).whenComplete((u, e) -> inFlight.release()));
        }
        List<User> users = new ArrayList<>();
        Exception failure = null;
        for (CompletableFuture<User> f : futures) {
            try {
                users.add(f.get(timeout.toSeconds(), TimeUnit.SECONDS));
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            close(users);
            throw new IllegalStateException((count - users.size()) + " of " + count + " users could not connect", failure);
        }
        return users;
    }

    private List<String> tokens(int count) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            futures.add(gateway.anonymousSession().whenComplete((t, e) -> inFlight.release()));
        }
        List<String> tokens = new ArrayList<>();
        for (CompletableFuture<String> f : futures) {
            tokens.add(f.get(timeout.toSeconds(), TimeUnit.SECONDS));
        }
        return tokens;
    }

    /** Every user sends at the same moment, then each its next turn as soon as its last one ended. */
    private List<User.Turn> runTurns(List<User> users, int turnsPerUser, String content) throws Exception {
        ConcurrentLinkedQueue<User.Turn> turns = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (User user : users) {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (int i = 0; i < turnsPerUser; i++) {
                chain = chain.thenCompose(ignored -> user.turn(content, timeout)).thenAccept(turns::add);
            }
            chains.add(chain);
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
                .get(timeout.toSeconds() * turnsPerUser + 30, TimeUnit.SECONDS);
        return new ArrayList<>(turns);
    }

    /** One turn per user, user i starting at i × ramp / users; counts the turns between send and end. */
    private List<User.Turn> rampTurns(List<User> users, String content, int rampMs, AtomicInteger peakInFlight)
            throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        ConcurrentLinkedQueue<User.Turn> turns = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < users.size(); i++) {
                User user = users.get(i);
                CompletableFuture<Void> done = new CompletableFuture<>();
                all.add(done);
                starter.schedule(() -> {
                    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    user.turn(content, timeout).whenComplete((turn, error) -> {
                        inFlight.decrementAndGet();
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            turns.add(turn);
                            done.complete(null);
                        }
                    });
                }, (long) i * rampMs * 1000 / users.size(), TimeUnit.MICROSECONDS);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(timeout.toSeconds() + rampMs / 1000 + 30, TimeUnit.SECONDS);
        } finally {
            starter.shutdownNow();
        }
        return new ArrayList<>(turns);
    }

    /** Turns not seen complete live whose answer chat-service stored all the same (asked over HTTP afterwards). */
    private static int stillAnswered(List<User.Turn> turns) throws Exception {
        int answered = 0;
        for (User.Turn turn : turns) {
            if (!turn.completedLive() && turn.user.answerStored(turn).get(30, TimeUnit.SECONDS)) {
                answered++;
            }
        }
        return answered;
    }

    private void record(ObjectNode result, String name, List<User.Turn> turns, int answeredNotLive) {
        result.put("name", name).put("turns", turns.size());
        result.set("ack_ms", Gateway.JSON.valueToTree(Stats.Summary.of(values(turns, User.Turn::ackMs))));
        result.set("first_delta_ms", Gateway.JSON.valueToTree(Stats.Summary.of(values(turns, User.Turn::firstDeltaMs))));
        result.set("done_ms", Gateway.JSON.valueToTree(Stats.Summary.of(values(turns, User.Turn::completedMs))));
        long notLive = turns.stream().filter(t -> !t.completedLive()).count();
        result.put("not_completed_live", notLive).put("not_live_but_answer_stored", answeredNotLive);
        Map<String, Integer> failures = new LinkedHashMap<>();
        turns.stream().filter(t -> t.failure != null).forEach(t -> failures.merge(t.failure, 1, Integer::sum));
        result.set("failures", Gateway.JSON.valueToTree(failures));
        System.out.printf("bench:   %s: ack p50 %.1f p99 %.1f ms, first delta p50 %.1f p99 %.1f ms, done p50 %.1f"
                        + " p99 %.1f ms, not completed live %d%s%n", name,
                Stats.Summary.of(values(turns, User.Turn::ackMs)).p50(), Stats.Summary.of(values(turns, User.Turn::ackMs)).p99(),
                Stats.Summary.of(values(turns, User.Turn::firstDeltaMs)).p50(),
                Stats.Summary.of(values(turns, User.Turn::firstDeltaMs)).p99(),
                Stats.Summary.of(values(turns, User.Turn::completedMs)).p50(),
                Stats.Summary.of(values(turns, User.Turn::completedMs)).p99(), notLive,
                failures.isEmpty() ? "" : " " + failures);
    }

    private void notLiveRow(String name, List<User.Turn> turns) {
        rows.add(Row.atMost(name, "senders not seeing their turn complete live",
                turns.stream().filter(t -> !t.completedLive()).count(), "turns", Double.NaN, 0));
    }

    private void cpu(ObjectNode result, String name, Map<String, Double> before, Map<String, Double> after, int turns) {
        cpu(result, name, before, after, turns, false);
    }

    /** CPU of each process over a scenario per completed turn; the rows go after the latencies, per process if asked. */
    private void cpu(ObjectNode result, String name, Map<String, Double> before, Map<String, Double> after, int turns,
                     boolean perProcess) {
        ObjectNode cpu = result.putObject("cpu_ms_per_turn");
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double ms = (e.getValue() - before.getOrDefault(e.getKey(), e.getValue())) * 1000 / Math.max(1, turns);
            cpu.put(e.getKey(), ms);
            if (!Processes.BENCH.equals(e.getKey())) {
                total += ms;
            }
        }
        cpu.put("total", total);
        cpuRows.add(Row.info(name, "CPU per turn, all processes", total, "ms"));
        if (perProcess) {
            after.keySet().stream().filter(process -> !Processes.BENCH.equals(process)).forEach(process -> cpuRows.add(
                    Row.info(name, "CPU per turn, " + process, cpu.path(process).asDouble(), "ms")));
        }
        cpuRows.add(Row.info(name, "CPU per turn, the bench's own clients (same machine, not in the total)",
                cpu.path(Processes.BENCH).asDouble(), "ms"));
    }

    private static List<Double> values(List<User.Turn> turns, Function<User.Turn, Double> metric) {
        List<Double> values = new ArrayList<>();
        for (User.Turn t : turns) {
            double v = metric.apply(t);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return values;
    }

    private static long lastCompletion(List<User.Turn> turns, long fallback) {
        return turns.stream().mapToLong(t -> t.completed).max().orElse(fallback);
    }

    private static void requireCompleted(User.Turn turn, String what) {
        if (!turn.completedLive()) {
            throw new IllegalStateException(what + " did not complete: " + turn.failure);
        }
    }

    private static void close(List<User> users) {
        users.forEach(User::close);
    }

    private static String words(int n) {
        Random random = new Random(n);
        String[] vocabulary = {"sales", "rose", "in", "the", "second", "quarter", "while", "costs", "fell", "and",
            "margins", "improved", "across", "every", "region", "we", "expect", "growth", "to", "continue"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return text.toString();
    }

    /** The first three fields of /proc/loadavg, the other work on the machine while the bench ran. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long openFilesLimit(String limitsFile) {
        try {
            for (String line : Files.readAllLines(Path.of(limitsFile))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (Exception e) {
            // not Linux: no limit known
        }
        return Long.MAX_VALUE;
    }

    // --- model, memory, output -------------------------------------------------------------------------------

    private void configureModel(long firstTokenMs, long tokenDelayMs) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(simulatorAdmin + "/_sim/config")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"first_token_delay_ms\":" + firstTokenMs
                        + ",\"token_delay_ms\":" + tokenDelayMs + ",\"fail_next_requests\":0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("simulator at " + simulatorAdmin + " refused its pacing: " + response.body());
        }
    }

    private void resetModel() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulatorAdmin + "/_sim/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            System.out.println("bench: could not reset the simulator: " + e);
        }
    }

    /** The zero-latency simulator's own time to its first streamed chunk, straight over HTTP. */
    private List<Double> modelFirstChunk(int samples) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"model\":\"sim-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + CHART
                + "\"}]}";
        List<Double> times = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < samples + 3; i++) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(llmBaseUrl
                                + "/chat/completions")).header("Authorization", "Bearer bench")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    in.read();
                    double ms = (System.nanoTime() - t0) / 1e6;
                    in.readAllBytes();
                    if (i >= 3) {
                        times.add(ms);
                    }
                }
            } catch (java.io.IOException e) {
                // The simulator closed a connection as it was reused (seen right after a scenario that loaded it):
                // measure again on a new one rather than lose the run.
                if (++failures > 3) {
                    throw e;
                }
                System.out.println("bench: the simulator dropped a request (" + e.getMessage() + "); again");
                http = HttpClient.newHttpClient();
                i--;
            }
        }
        return times;
    }

    private ObjectNode rss() {
        ObjectNode rss = Gateway.JSON.createObjectNode();
        for (String name : processes.pids().keySet()) {
            rss.put(name, processes.rssMib(name));
        }
        return rss;
    }

    private void write(Instant started) throws Exception {
        for (Map.Entry<String, Long> p : processes.pids().entrySet()) {
            rows.add(Row.info("memory after the run", p.getKey() + " RSS", processes.rssMib(p.getKey()), "MiB"));
        }
        results.put("started", started.toString()).put("finished", Instant.now().toString())
                .put("machine", Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name")
                        + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version"));
        results.set("options", Gateway.JSON.valueToTree(options.asMap()));
        results.set("suite_environment", Gateway.JSON.valueToTree(suiteEnv));
        ArrayNode table = results.putArray("rows");
        for (Row row : rows) {
            table.addObject().put("scenario", row.scenario()).put("metric", row.metric()).put("value", row.value())
                    .put("unit", row.unit()).put("floor_ms", row.floorMs()).put("ratio_to_floor", row.ratio())
                    .put("target", row.targetText()).put("met", row.met() == null ? null : row.met().toString());
        }
        Path out = options.out(root);
        Files.createDirectories(out);
        String json = Gateway.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
        Files.writeString(out.resolve("results.json"), json);
        String header = "Measured " + started + " with `bench/run " + String.join(" ", options.scenarios)
                + (options.asMap().isEmpty() ? "" : " " + flags()) + "` on " + results.path("machine").asText()
                + ". Floor: Postgres commit p50 " + Report.number(floor.postgresCommit().p50()) + " ms, Kafka hop p50 "
                + Report.number(floor.kafkaHop().p50()) + " ms (" + Floor.KAFKA_HOPS_PER_TURN + " per turn), WebSocket"
                + " round trip p50 " + Report.number(floor.webSocketRoundTrip().p50()) + " ms: ack floor "
                + Report.number(floor.ackMs()) + " ms, turn floor " + Report.number(floor.turnMs())
                + " ms; the zero-latency simulator's first chunk " + Report.number(modelFirstChunkMs) + " ms."
                + (notQuiet.isEmpty()
                        ? " Before the warm-up and each scenario the suite was idle (at most "
                                + Report.number(options.decimal("quiet-cores", 0.3)) + " cores over " + Quiet.WINDOW_MS / 1000
                                + " s)."
                        : " The suite was still busy before " + String.join(", ", notQuiet)
                                + " (it did not go idle within --quiet-wait-s): those numbers are provisional.")
                + " Load average (1, 5, 15 min) before the run " + loadBefore + ", after it " + loadAverage() + ".";
        Files.writeString(out.resolve("chart.html"), Report.html(rows, header, json));
        String markdown = Report.markdown(rows, header);
        System.out.println();
        System.out.println(markdown);
        System.out.println("bench: wrote " + out.resolve("results.json") + " and " + out.resolve("chart.html"));
        if (!options.flag("no-readme")) {
            Path readme = root.resolve("README.md");
            Files.writeString(readme, Report.replaceBetweenMarkers(Files.readString(readme), markdown));
            System.out.println("bench: rewrote the results table in " + readme);
        }
    }

    private String flags() {
        StringBuilder flags = new StringBuilder();
        options.asMap().forEach((k, v) -> flags.append(flags.length() == 0 ? "" : " ").append("--").append(k)
                .append(v.equals("true") ? "" : "=" + v));
        return flags.toString();
    }

    static final class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message);
        }
    }
}
