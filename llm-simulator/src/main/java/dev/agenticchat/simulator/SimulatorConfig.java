package dev.agenticchat.simulator;

/**
 * Timing and failure-injection settings of a running simulator.
 *
 * @param firstTokenDelayMs pause before the first streamed chunk, simulating time-to-first-token
 * @param tokenDelayMs      pause between consecutive streamed chunks
 * @param failNextRequests  how many upcoming chat-completion requests answer {@code failStatus} instead
 * @param failStatus        HTTP status used for injected failures (4xx or 5xx)
 */
public record SimulatorConfig(long firstTokenDelayMs, long tokenDelayMs, int failNextRequests, int failStatus) {

    private static final int DEFAULT_FAIL_STATUS = 500;

    public SimulatorConfig {
        if (firstTokenDelayMs < 0 || tokenDelayMs < 0) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (failNextRequests < 0) {
            throw new IllegalArgumentException("failNextRequests must not be negative");
        }
        if (failStatus < 400 || failStatus > 599) {
            throw new IllegalArgumentException("failStatus must be an HTTP error status (400-599), was " + failStatus);
        }
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, 0, 0, DEFAULT_FAIL_STATUS);
    }

    public static SimulatorConfig withDelays(long firstTokenDelayMs, long tokenDelayMs) {
        return new SimulatorConfig(firstTokenDelayMs, tokenDelayMs, 0, DEFAULT_FAIL_STATUS);
    }
}
