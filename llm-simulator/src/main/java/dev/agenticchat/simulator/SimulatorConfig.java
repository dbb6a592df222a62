package dev.agenticchat.simulator;

import java.util.Set;

/**
 * Timing, failure-injection and wire-format settings of a running simulator.
 *
 * @param firstTokenDelayMs pause before the first streamed chunk, simulating time-to-first-token
 * @param tokenDelayMs      pause between consecutive streamed chunks
 * @param failNextRequests  how many upcoming chat-completion requests answer {@code failStatus} instead
 * @param failStatus        HTTP status used for injected failures (4xx or 5xx)
 * @param reasoningField    the field the OpenAI endpoint puts reasoning in: {@value #REASONING_CONTENT} (DeepSeek,
 *                          vLLM) or {@value #REASONING} (OpenRouter)
 */
public record SimulatorConfig(long firstTokenDelayMs, long tokenDelayMs, int failNextRequests, int failStatus,
                              String reasoningField) {

    public static final String REASONING_CONTENT = "reasoning_content";
    public static final String REASONING = "reasoning";

    private static final int DEFAULT_FAIL_STATUS = 500;
    private static final Set<String> REASONING_FIELDS = Set.of(REASONING_CONTENT, REASONING);

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
        if (!REASONING_FIELDS.contains(reasoningField)) {
            throw new IllegalArgumentException("reasoningField must be " + REASONING_CONTENT + " or " + REASONING
                    + ", was " + reasoningField);
        }
    }

    /** Settings with reasoning in {@value #REASONING_CONTENT}. */
    public SimulatorConfig(long firstTokenDelayMs, long tokenDelayMs, int failNextRequests, int failStatus) {
        this(firstTokenDelayMs, tokenDelayMs, failNextRequests, failStatus, REASONING_CONTENT);
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, 0, 0, DEFAULT_FAIL_STATUS);
    }

    public static SimulatorConfig withDelays(long firstTokenDelayMs, long tokenDelayMs) {
        return new SimulatorConfig(firstTokenDelayMs, tokenDelayMs, 0, DEFAULT_FAIL_STATUS);
    }

    public SimulatorConfig withReasoningField(String field) {
        return new SimulatorConfig(firstTokenDelayMs, tokenDelayMs, failNextRequests, failStatus, field);
    }
}
