package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/** Mutable state shared by all request threads: current config, pending injected failures and the request log. */
final class SimulatorState {

    static final String OPENAI = "openai";
    static final String ANTHROPIC = "anthropic";

    private static final int MAX_RECORDED_REQUESTS = 1000;

    private final SimulatorConfig defaults;
    private volatile SimulatorConfig config;
    private final AtomicInteger pendingFailures = new AtomicInteger();
    private final Deque<JsonNode> requests = new ArrayDeque<>();

    SimulatorState(SimulatorConfig defaults) {
        this.defaults = defaults;
        configure(defaults);
    }

    SimulatorConfig config() {
        return config;
    }

    SimulatorConfig defaults() {
        return defaults;
    }

    void configure(SimulatorConfig newConfig) {
        config = newConfig;
        pendingFailures.set(newConfig.failNextRequests());
    }

    void reset() {
        synchronized (requests) {
            requests.clear();
        }
        configure(defaults);
    }

    /** Consumes one pending injected failure, if any, and returns the status to answer with. */
    OptionalInt takeFailure() {
        int before = pendingFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0);
        return before > 0 ? OptionalInt.of(config.failStatus()) : OptionalInt.empty();
    }

    /**
     * Records a request in the chat-completions shape, marked with the API it came through ({@link #OPENAI} or
     * {@link #ANTHROPIC}) and the fingerprint of the key it came with, so one test reads the calls of either
     * kind alike.
     */
    void record(String api, String keyFingerprint, JsonNode chatCompletionsBody) {
        ObjectNode recorded = Json.object().put("api", api).put("api_key_sha256", keyFingerprint);
        chatCompletionsBody.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("api") && !field.getKey().equals("api_key_sha256")) {
                recorded.set(field.getKey(), field.getValue());
            }
        });
        synchronized (requests) {
            if (requests.size() == MAX_RECORDED_REQUESTS) {
                requests.removeFirst();
            }
            requests.addLast(recorded);
        }
    }

    List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }
}
