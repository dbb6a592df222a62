package dev.agenticchat.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.testing.ListenPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All six services started from their runnable jars as separate processes, on free
 * ports, against the Kafka and Postgres the test command started, with the LLM
 * simulator as the model. Started once per test JVM and stopped when it exits.
 */
public final class RunningSuite {
    public static final List<String> SERVICES = List.of("gateway-service", "chat-service", "agent-service",
            "retrieval-service", "artifact-service", "notification-service");
    /** A few ms per token, as a real model streams: frames interleave as they would in production. */
    public static final SimulatorConfig USUAL_PACE = new SimulatorConfig(20, 5, 0, 500);
    /** The operator's credential for /api/admin/** in this suite. */
    public static final String ADMIN_TOKEN = "e2e-admin-token-" + UUID.randomUUID();
    private static RunningSuite instance;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> launchers = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final LlmSimulator simulator;
    private final GreenMail mail;
    private final OtlpReceiver traces = new OtlpReceiver();
    private final Path logs;
    private final Duration startTime;
    private boolean stopped;

    private RunningSuite() {
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("suite.version", "0.1.0-SNAPSHOT");
        logs = root.resolve("e2e-tests/target/e2e-logs");
        try {
            Files.createDirectories(logs);
            // This run's logs only: a log a test reads must not hold an earlier run's lines.
            try (var old = Files.list(logs)) {
                for (Path file : old.filter(file -> file.getFileName().toString().endsWith(".log")).toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        simulator = LlmSimulator.start("127.0.0.1", 0, USUAL_PACE);
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        SERVICES.forEach(service -> ports.put(service, freePort()));
        SERVICES.forEach(service -> managementPorts.put(service, freePort()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_JWKS_URL", url("gateway-service") + "/.well-known/jwks.json");
        env.put("CHAT_SERVICE_URL", url("chat-service"));
        env.put("AGENT_SERVICE_URL", url("agent-service"));
        env.put("RETRIEVAL_SERVICE_URL", url("retrieval-service"));
        env.put("ARTIFACT_SERVICE_URL", url("artifact-service"));
        env.put("NOTIFICATION_SERVICE_URL", url("notification-service"));
        env.put("GATEWAY_INTERNAL_URL", url("gateway-service"));
        env.put("LLM_BASE_URL", simulator.baseUrl());
        env.put("LLM_API_KEY", "e2e");
        env.put("LLM_MODEL", "sim-1");
        env.put("ANTHROPIC_BASE_URL", simulator.baseUrl());
        env.put("ANTHROPIC_API_KEY", "e2e-anthropic");
        env.put("AGENT_ATTACHMENTS_IMAGE_MODELS", "sim-*,claude-*");
        // The tests' MCP server listens on loopback, which agent-service refuses by default.
        env.put("AGENT_MCP_ALLOW_PRIVATE_ADDRESSES", "true");
        env.put("INTERNAL_SERVICE_TOKEN", UUID.randomUUID().toString());
        env.put("GATEWAY_ALLOWED_ORIGINS", origin());
        // A crashed worker's turns are taken over when their lease expires: keep the crash test short.
        env.put("AGENT_TURN_LEASE", "6s");
        env.put("JWT_SIGNING_KEY_FILE", logs.resolve("signing-key-" + UUID.randomUUID() + ".json").toString());
        env.put("ADMIN_TOKEN", ADMIN_TOKEN);
        // As in the container images: JSON lines, which SecretsInLogsE2EIT reads back.
        env.put("LOG_FORMAT", "json");
        // Every service exports its spans to the OTLP receiver in this JVM (TraceE2EIT reads them), promptly.
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
        env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        // Mail goes to the SMTP server in this JVM, where tests read one-time codes.
        env.put("EMAIL_TRANSPORT", "smtp");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(mail.getSmtp().getPort()));
        env.put("SMTP_STARTTLS", "false");
        env.put("EMAIL_FROM", "agentic-chat@e2e.example");
        env.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        // Every test user comes from 127.0.0.1; gateway-service's LimitsIT covers this limit.
        env.put("GATEWAY_ANONYMOUS_SESSIONS_PER_IP_PER_HOUR", "0");

        Instant begin = Instant.now();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        for (String service : SERVICES) {
            Path jar = root.resolve(service + "/target/" + service + "-" + version + "-all.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("missing " + jar + ": run the tests through `mvn verify` from the repository root");
            }
            // retrieval-service loads a 90 MB embedding model into its heap.
            String heap = service.equals("retrieval-service") ? "-Xmx512m" : "-Xmx256m";
            ProcessBuilder builder = new ProcessBuilder("java", "-Xms64m", heap, "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile()));
            builder.environment().putAll(env);
            builder.environment().put("SERVER_PORT", String.valueOf(ports.get(service)));
            builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPorts.get(service)));
            launchers.put(service, builder);
            launch(service);
        }
        try {
            SERVICES.forEach(this::awaitReady);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        startTime = Duration.between(begin, Instant.now());
    }

    /**
     * The suite of this test JVM. A service that dies while starting (its log, appended to
     * across attempts, says why) gets the whole suite started once more on fresh ports, after
     * the first attempt's processes are stopped: no half-started suite competes with the next.
     */
    public static synchronized RunningSuite get() {
        if (instance == null) {
            try {
                instance = new RunningSuite();
            } catch (IllegalStateException firstAttempt) {
                System.err.println("[e2e] the suite did not start (" + firstAttempt.getMessage() + "); starting it once more");
                instance = new RunningSuite();
            }
        }
        return instance;
    }

    /** Where a service's stdout and stderr go: every start of it, appended. */
    public Path logOf(String service) {
        return logs.resolve(service + ".log");
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** The service and those of its replicas that are running now. */
    public synchronized List<String> runningInstances(String service) {
        return processes.entrySet().stream()
                .filter(e -> e.getKey().equals(service) || e.getKey().startsWith(service + "-replica-"))
                .filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    /** The port where the service (or replica) serves {@code /prometheus}: MANAGEMENT_PORT, not its public one. */
    public int managementPort(String service) {
        return managementPorts.get(service);
    }

    public String gateway() {
        return url("gateway-service");
    }

    public URI webSocket() {
        return webSocket("gateway-service");
    }

    /** The WebSocket of one gateway instance: {@code gateway-service} or a replica's name. */
    public URI webSocket(String gatewayInstance) {
        return URI.create("ws://127.0.0.1:" + ports.get(gatewayInstance) + "/ws");
    }

    public String origin() {
        return "http://127.0.0.1:" + ports.get("gateway-service");
    }

    public LlmSimulator simulator() {
        return simulator;
    }

    /** The SMTP server notification-service sends to (unless a test switched it to another transport). */
    public GreenMail mail() {
        return mail;
    }

    /** The spans the services exported so far. */
    public OtlpReceiver traces() {
        return traces;
    }

    public Duration startTime() {
        return startTime;
    }

    private void launch(String service) {
        try {
            processes.put(service, launchers.get(service).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the service as a crash would (SIGKILL: no shutdown hooks, no commits). */
    public void crash(String service) {
        Process process = processes.get(service);
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the service (or replica) has written to its log so far. */
    public String log(String service) {
        try {
            return Files.readString(logs.resolve(service + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the service as an orchestrator does in a rolling upgrade (SIGTERM), and waits until it has exited. */
    public void terminate(String service) {
        Process process = processes.get(service);
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " did not stop within 60 s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts one more instance of the service (a replica: same settings, its own port), waits
     * until it is ready and returns its name for {@link #crash}; it stops with the suite.
     */
    public synchronized String startReplica(String service) {
        String replica = service + "-replica-" + (launchers.keySet().stream().filter(n -> n.startsWith(service + "-replica-")).count() + 1);
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(launchers.get(service).command())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(replica + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(launchers.get(service).environment());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        int managementPort = freePort();
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        ports.put(replica, port);
        managementPorts.put(replica, managementPort);
        launchers.put(replica, builder);
        launch(replica);
        awaitReady(replica);
        return replica;
    }

    /** Stops the service, then starts it with these settings changed (kept for later restarts). */
    public void restartWith(String service, Map<String, String> changes) {
        crash(service);
        launchers.get(service).environment().putAll(changes);
        restart(service);
    }

    /** Starts the service again, same port and settings, and waits until it is ready. */
    public void restart(String service) {
        launchers.get(service).redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile()));
        launch(service);
        awaitReady(service);
    }

    private void awaitReady(String service) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            Process process = processes.get(service);
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + logs.resolve(service + ".log"));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url(service) + "/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(service + " was not ready within 180 s; see " + logs.resolve(service + ".log"));
    }

    private static void pause() {
        try {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        processes.values().forEach(Process::destroy);
        processes.values().forEach(p -> {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        simulator.close();
        mail.stop();
    }

    /** The services bind their ports seconds later, after their own connections: see {@link ListenPorts}. */
    private static int freePort() {
        return ListenPorts.free();
    }
}
