package dev.agenticchat.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The fault suite's own instance of the product: Postgres and Kafka from deploy/local (data under
 * {@code .local/faults}, on their own ports), the LLM simulator and the six services as child
 * processes on their own ports, all on 127.0.0.1. It can SIGKILL and restart any of them, and
 * {@link #close} stops everything it started (a JVM shutdown hook calls it on Ctrl-C too).
 */
final class LocalSuite implements AutoCloseable {
    static final List<String> SERVICES = List.of("gateway-service", "chat-service", "agent-service",
            "retrieval-service", "artifact-service", "notification-service");
    static final String SIMULATOR = "llm-simulator";

    private final Settings settings;
    private final Path logs;
    private final Path pids;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> launchers = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private boolean closed;

    LocalSuite(Settings settings) {
        this.settings = settings;
        this.logs = settings.local().resolve("logs");
        this.pids = settings.local().resolve("run");
        for (int i = 0; i < SERVICES.size(); i++) {
            ports.put(SERVICES.get(i), settings.portBase() + i);
        }
        ports.put(SIMULATOR, settings.simulatorPort());
    }

    /** Fresh infrastructure (a previous run's data is deleted), then the simulator and the services. */
    void start() {
        List<Integer> taken = new ArrayList<>();
        List<Integer> wanted = new ArrayList<>(ports.values());
        wanted.add(settings.postgresPort());
        wanted.add(settings.kafkaPort());
        wanted.add(settings.kafkaPort() + 1);
        wanted.stream().filter(port -> !bindable(port)).forEach(taken::add);
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports " + taken + " are taken (another fault run, ./suite start on these ports,"
                    + " or a connection's own end: ports from 32768 up are handed out to outgoing connections); "
                    + "set FAULTS_PORT_BASE, FAULTS_SIMULATOR_PORT, FAULTS_PGPORT or FAULTS_KAFKA_PORT");
        }
        infra("kafka.sh", "stop");
        infra("postgres.sh", "stop");
        deleteTree(settings.local());
        try {
            Files.createDirectories(logs);
            Files.createDirectories(pids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "faults-stop"));
        Progress.say("starting Postgres on 127.0.0.1:%d and Kafka on 127.0.0.1:%d (data in %s)",
                settings.postgresPort(), settings.kafkaPort(), settings.local());
        startPostgres();
        startKafka();
        Map<String, String> env = environment();
        Path simulatorJar = jar(SIMULATOR);
        ProcessBuilder simulator = new ProcessBuilder("java", "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                simulatorJar.toString());
        simulator.environment().put("SIM_HOST", "127.0.0.1");
        simulator.environment().put("SIM_PORT", String.valueOf(settings.simulatorPort()));
        launchers.put(SIMULATOR, simulator);
        for (String service : SERVICES) {
            // retrieval-service holds the in-process embedding model (90 MB) in its heap.
            String heap = service.equals("retrieval-service") ? "-Xmx512m" : "-Xmx256m";
            ProcessBuilder builder = new ProcessBuilder("java", "-Xms64m", heap, "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-jar", jar(service).toString());
            builder.environment().putAll(env);
            builder.environment().put("SERVER_PORT", String.valueOf(ports.get(service)));
            launchers.put(service, builder);
        }
        Instant begin = Instant.now();
        launch(SIMULATOR);
        SERVICES.forEach(this::launch);
        awaitReady(SIMULATOR, "/_sim/config");
        SERVICES.forEach(service -> awaitReady(service, "/health/readiness"));
        Progress.say("the suite is up (%d s): gateway %s, simulator %s", Duration.between(begin, Instant.now()).toSeconds(),
                gateway(), simulatorUrl());
    }

    String gateway() {
        return "http://127.0.0.1:" + ports.get("gateway-service");
    }

    URI webSocket() {
        return URI.create("ws://127.0.0.1:" + ports.get("gateway-service") + "/ws");
    }

    String simulatorUrl() {
        return "http://127.0.0.1:" + settings.simulatorPort();
    }

    Path logOf(String name) {
        return logs.resolve(name + ".log");
    }

    /** SIGKILL, as a crash: no shutdown hooks, no commits. */
    synchronized void kill(String name) {
        Process process = processes.get(name);
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again with the same port and settings; returns once it is ready. */
    void restart(String name) {
        launch(name);
        awaitReady(name, name.equals(SIMULATOR) ? "/_sim/config" : "/health/readiness");
    }

    /** deploy/local/kafka.sh stop: the broker shuts down. */
    void stopKafka() {
        infra("kafka.sh", "stop");
    }

    void startKafka() {
        if (infra("kafka.sh", "start") != 0) {
            throw new IllegalStateException("Kafka did not start; see " + logOf("infra"));
        }
    }

    void stopPostgres() {
        infra("postgres.sh", "stop");
    }

    void startPostgres() {
        if (infra("postgres.sh", "start") != 0) {
            throw new IllegalStateException("Postgres did not start; see " + logOf("infra"));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Progress.say("stopping the services, the simulator, Kafka and Postgres");
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        infra("kafka.sh", "stop");
        infra("postgres.sh", "stop");
    }

    /** Set over the caller's environment, so an exported DATABASE_URL or KAFKA_BOOTSTRAP_SERVERS is not used. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String base = "http://127.0.0.1:";
        // Loopback only: the services would otherwise listen on every interface.
        env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/agentic_chat");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + settings.kafkaPort());
        env.put("GATEWAY_JWKS_URL", gateway() + "/.well-known/jwks.json");
        env.put("GATEWAY_INTERNAL_URL", gateway());
        env.put("CHAT_SERVICE_URL", base + ports.get("chat-service"));
        env.put("AGENT_SERVICE_URL", base + ports.get("agent-service"));
        env.put("RETRIEVAL_SERVICE_URL", base + ports.get("retrieval-service"));
        env.put("ARTIFACT_SERVICE_URL", base + ports.get("artifact-service"));
        env.put("NOTIFICATION_SERVICE_URL", base + ports.get("notification-service"));
        env.put("GATEWAY_ALLOWED_ORIGINS", gateway());
        env.put("LLM_BASE_URL", simulatorUrl() + "/v1");
        env.put("LLM_API_KEY", "faults");
        env.put("ANTHROPIC_BASE_URL", simulatorUrl() + "/v1");
        env.put("ANTHROPIC_API_KEY", "faults");
        env.put("INTERNAL_SERVICE_TOKEN", UUID.randomUUID().toString());
        env.put("ADMIN_TOKEN", UUID.randomUUID().toString());
        env.put("JWT_SIGNING_KEY_FILE", settings.local().resolve("signing-key.json").toString());
        env.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        // A run outlives the default 15 min access token; the clients here do not refresh it.
        env.put("ACCESS_TOKEN_TTL", "3h");
        env.put("AGENTIC_REVOCATIONS_LOOKBACK", "3h");
        // Every client comes from 127.0.0.1 and several runs may share an hour.
        env.put("GATEWAY_ANONYMOUS_SESSIONS_PER_IP_PER_HOUR", "0");
        env.putAll(settings.serviceEnvironment());
        return env;
    }

    private Path jar(String name) {
        Path jar = settings.root().resolve(name + "/target/" + name + "-" + settings.version() + "-all.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": faults/run builds it (mvn -DskipTests package)");
        }
        return jar;
    }

    private synchronized void launch(String name) {
        if (closed) {
            throw new IllegalStateException("the suite is stopping");
        }
        ProcessBuilder builder = launchers.get(name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(name).toFile()));
        try {
            Process process = builder.start();
            processes.put(name, process);
            // faults/run kills what is left from here should this JVM itself be killed.
            Files.writeString(pids.resolve(name + ".pid"), String.valueOf(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String name, String path) {
        Instant deadline = Instant.now().plus(settings.startTimeout());
        URI uri = URI.create("http://127.0.0.1:" + ports.get(name) + path);
        while (Instant.now().isBefore(deadline)) {
            Process process;
            synchronized (this) {
                process = processes.get(name);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logOf(name));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Progress.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready within " + settings.startTimeout().toSeconds() + " s; see " + logOf(name));
    }

    private int infra(String script, String action) {
        ProcessBuilder builder = new ProcessBuilder("bash", settings.root().resolve("deploy/local/" + script).toString(), action)
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("DATABASE_URL");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("SUITE_LOCAL_DIR", settings.local().toString());
        env.put("PGPORT", String.valueOf(settings.postgresPort()));
        env.put("KAFKA_PORT", String.valueOf(settings.kafkaPort()));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(settings.kafkaPort() + 1));
        try {
            if (Files.isDirectory(logs)) {
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logOf("infra").toFile()));
            } else {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Process process = builder.start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + action + " took over 300 s");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As a server binds it (no SO_REUSEADDR): also false when an outgoing connection holds it as its own end. */
    private static boolean bindable(int port) {
        try (java.net.ServerSocket server = new java.net.ServerSocket()) {
            server.setReuseAddress(false);
            server.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
