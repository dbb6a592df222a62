package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for an OpenAI-compatible chat-completions server, which also speaks Anthropic's Messages
 * API ({@code POST /v1/messages}) from the same script.
 *
 * <p>Embed it in tests with {@code LlmSimulator.start("127.0.0.1", 0)} and point an OpenAI or Anthropic client at
 * {@link #baseUrl()}; or run {@link LlmSimulatorMain} as a standalone process.
 *
 * <p>Besides the tool loop it answers two requests that read the whole conversation: one whose
 * {@code response_format} is {@code json_schema} gets a JSON object valid for that schema, with the lead
 * details the user wrote ("my name is ...", an email address, a phone number, "interested in ...",
 * "I prefer ...") filled in; one whose system prompt contains "Summarize the conversation" gets a short
 * deterministic summary that says how many messages it covers.
 */
public final class LlmSimulator implements AutoCloseable {

    /**
     * Every slow stream holds one thread while it sleeps between chunks, so the pool bounds concurrent streams:
     * the benchmark's paced scenario streams to 1,000 turns at once. Threads start as requests need them.
     */
    private static final int WORKER_THREADS = 2048;
    private static final int ACCEPT_BACKLOG = 1024;

    private final String host;
    private final HttpServer server;
    private final ExecutorService workers;
    private final SimulatorState state;

    private LlmSimulator(String host, HttpServer server, ExecutorService workers, SimulatorState state) {
        this.host = host;
        this.server = server;
        this.workers = workers;
        this.state = state;
    }

    /** Starts on the given port ({@code 0} picks a free one) with {@link SimulatorConfig#defaults()}. */
    public static LlmSimulator start(String host, int port) {
        return start(host, port, SimulatorConfig.defaults());
    }

    /** Starts with the given settings, which {@link #reset()} and the admin API also treat as the defaults. */
    public static LlmSimulator start(String host, int port, SimulatorConfig defaults) {
        // Tiny SSE chunks would otherwise wait for delayed ACKs (Nagle), adding ~40 ms per token.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        SimulatorState state = new SimulatorState(defaults);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), ACCEPT_BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind llm-simulator to " + host + ":" + port, e);
        }
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, namedThreads());
        server.setExecutor(workers);
        server.createContext("/", routes(state));
        server.start();
        return new LlmSimulator(host, server, workers, state);
    }

    private static Router routes(SimulatorState state) {
        ChatCompletionsHandler chat = new ChatCompletionsHandler(state);
        AnthropicMessagesHandler messages = new AnthropicMessagesHandler(state);
        AdminHandler admin = new AdminHandler(state);
        return new Router()
                .add("POST", "/v1/chat/completions", chat::handle)
                .add("POST", "/v1/messages", messages::handle)
                .add("GET", "/v1/models", InfoHandler::models)
                .add("GET", "/health", InfoHandler::health)
                .add("POST", "/_sim/config", admin::configure)
                .add("GET", "/_sim/config", admin::currentConfig)
                .add("POST", "/_sim/reset", admin::reset)
                .add("GET", "/_sim/requests", admin::requests);
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> new Thread(runnable, "llm-simulator-" + counter.incrementAndGet());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + host + ":" + port() + "/v1";
    }

    public void configure(SimulatorConfig config) {
        state.configure(config);
    }

    public SimulatorConfig config() {
        return state.config();
    }

    /**
     * The model requests received (the most recent 1000), oldest first, each as a chat-completions body (Anthropic
     * requests translated) with {@code api} saying which API it came through: {@code openai} or {@code anthropic}.
     */
    public List<JsonNode> requests() {
        return state.requests();
    }

    public void reset() {
        state.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
