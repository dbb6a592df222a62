package dev.agenticchat.simulator;

/** Runs the simulator as a process, configured from {@code SIM_*} environment variables. */
public final class LlmSimulatorMain {

    private LlmSimulatorMain() {
    }

    public static void main(String[] args) {
        String host = env("SIM_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("SIM_PORT", "8090"));
        SimulatorConfig defaults = SimulatorConfig.withDelays(
                Long.parseLong(env("SIM_FIRST_TOKEN_DELAY_MS", "0")),
                Long.parseLong(env("SIM_TOKEN_DELAY_MS", "0")));

        LlmSimulator simulator = LlmSimulator.start(host, port, defaults);
        // The server's own dispatcher thread keeps the process alive; SIGTERM runs this hook and ends it.
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "llm-simulator-shutdown"));
        System.out.println("llm-simulator listening on " + simulator.baseUrl());
    }

    /** Compose files often pass unset variables as empty strings; those mean "use the default" too. */
    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
