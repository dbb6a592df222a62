package dev.agenticchat.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run does, from FAULTS_* environment variables (faults/run documents them). The defaults
 * are the full set the README's table comes from.
 */
record Settings(Path root, Path local, String version, int portBase, int simulatorPort, int postgresPort, int kafkaPort,
                List<String> scenarios, int killTurns, int extraKills, int trafficTurns, int clients, long seed,
                Duration kafkaDown, Duration turnDeadline, Duration ackDeadline, Duration startTimeout,
                Map<String, String> serviceEnvironment, boolean updateReadme, String note) {

    static final List<String> ALL_SCENARIOS = List.of("kill", "kafka", "postgres", "model");

    static Settings fromEnvironment() {
        Path root = Path.of(env("FAULTS_ROOT", ".")).toAbsolutePath().normalize();
        List<String> scenarios = Arrays.stream(env("FAULTS_SCENARIOS", String.join(",", ALL_SCENARIOS)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String scenario : scenarios) {
            if (!ALL_SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("FAULTS_SCENARIOS: unknown scenario " + scenario + "; known: " + ALL_SCENARIOS);
            }
        }
        Map<String, String> serviceEnv = new LinkedHashMap<>();
        // Passed through to the services, e.g. FAULTS_SERVICE_ENV="AGENT_TURN_LEASE=10s CHAT_TURNS_PER_USER_PER_MINUTE=60".
        for (String pair : env("FAULTS_SERVICE_ENV", "").trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                serviceEnv.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new Settings(root, root.resolve(".local/faults"), env("FAULTS_VERSION", "0.1.0-SNAPSHOT"),
                number("FAULTS_PORT_BASE", 18180), number("FAULTS_SIMULATOR_PORT", 18190),
                number("FAULTS_PGPORT", 27433), number("FAULTS_KAFKA_PORT", 27092),
                scenarios, number("FAULTS_TURNS", 100), number("FAULTS_EXTRA_KILLS", 4),
                number("FAULTS_TRAFFIC_TURNS", 40), number("FAULTS_CLIENTS", 4),
                Long.parseLong(env("FAULTS_SEED", "17")),
                Duration.ofSeconds(number("FAULTS_KAFKA_DOWN_SECONDS", 60)),
                Duration.ofSeconds(number("FAULTS_TURN_DEADLINE_SECONDS", 180)),
                Duration.ofSeconds(number("FAULTS_ACK_DEADLINE_SECONDS", 120)),
                Duration.ofSeconds(number("FAULTS_START_TIMEOUT_SECONDS", 240)),
                serviceEnv, !env("FAULTS_UPDATE_README", "auto").equals("false"), env("FAULTS_NOTE", ""));
    }

    /** A full run (every scenario at its default size) is the one whose table goes into the README. */
    boolean fullRun() {
        return scenarios.equals(ALL_SCENARIOS) && killTurns >= 100 && kafkaDown.toSeconds() >= 60;
    }

    private static int number(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
