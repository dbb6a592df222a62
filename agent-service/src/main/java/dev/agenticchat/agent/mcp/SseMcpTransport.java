package dev.agenticchat.agent.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.client.transport.McpOperationHandler;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.protocol.McpClientMessage;
import dev.langchain4j.mcp.protocol.McpInitializationNotification;
import dev.langchain4j.mcp.protocol.McpInitializeRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP's HTTP+SSE transport (protocol 2024-11-05) on the JDK's HTTP client: {@code GET} the SSE URL
 * opens the event stream, whose {@code endpoint} event names where to {@code POST} messages, and the
 * answers come back as {@code message} events. It stands in for langchain4j's deprecated
 * {@code HttpMcpTransport}, whose OkHttp client follows redirects and posts wherever the endpoint
 * event points: a tenant's server could send the service's requests into its own network. Here no
 * redirect is followed and the endpoint must be on the SSE URL's own origin (whose address
 * {@link AddressPolicy} checked).
 */
final class SseMcpTransport implements McpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SseMcpTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI sseUrl;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient http;
    private volatile URI postUrl;
    private volatile McpOperationHandler handler;
    private volatile Runnable onFailure;
    private volatile Flow.Subscription stream;
    private volatile boolean closed;

    /** {@code timeout}: for connecting, for the endpoint event, and for each POST's answer. */
    SseMcpTransport(URI sseUrl, Map<String, String> headers, Duration timeout) {
        this.sseUrl = sseUrl;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void start(McpOperationHandler messageHandler) {
        this.handler = messageHandler;
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(sseUrl).GET().header("Accept", "text/event-stream");
        headers.forEach(request::header);
        http.sendAsync(request.build(), answer -> {
            if (answer.statusCode() != 200) {
                endpoint.completeExceptionally(new IOException("the event stream answered HTTP " + answer.statusCode()));
                return HttpResponse.BodySubscribers.discarding();
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Events(endpoint));
        }).whenComplete((answer, failure) -> {
            if (!endpoint.isDone()) {
                endpoint.completeExceptionally(failure != null ? failure
                        : new IOException("the event stream ended before naming its endpoint"));
            } else if (!closed && onFailure != null) {
                LOG.info("the event stream of MCP server {} ended; reconnecting", sseUrl);
                onFailure.run();
            }
        });
        String named;
        try {
            named = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the event stream", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() == null ? e.getCause().toString() : e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the event stream named no endpoint within " + timeout.toMillis() + " ms", e);
        }
        URI resolved = sseUrl.resolve(named.strip());
        if (!sameOrigin(sseUrl, resolved)) {
            throw new IllegalStateException("the server named an endpoint on another origin (" + resolved.getScheme() + "://"
                    + resolved.getHost() + "), which is refused: messages go to the SSE URL's own origin only");
        }
        postUrl = resolved;
    }

    @Override
    public CompletableFuture<JsonNode> initialize(McpInitializeRequest request) {
        return executeOperationWithResponse(request)
                .thenCompose(answer -> post(new McpInitializationNotification()).thenApply(ignored -> answer));
    }

    @Override
    public CompletableFuture<JsonNode> executeOperationWithResponse(McpClientMessage request) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        handler.startOperation(request.getId(), answer);
        post(request).whenComplete((ignored, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }

    @Override
    public CompletableFuture<JsonNode> executeOperationWithResponse(McpCallContext context) {
        return executeOperationWithResponse(context.message());
    }

    @Override
    public void executeOperationWithoutResponse(McpClientMessage request) {
        post(request);
    }

    @Override
    public void executeOperationWithoutResponse(McpCallContext context) {
        executeOperationWithoutResponse(context.message());
    }

    @Override
    public void checkHealth() {
        // Nothing of the transport's own to check: the client pings.
    }

    @Override
    public void onFailure(Runnable actionOnFailure) {
        this.onFailure = actionOnFailure;
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription open = stream;
        if (open != null) {
            open.cancel();
        }
    }

    /** Completes when the server took the message (2xx); its answer, if any, comes as an event. */
    private CompletableFuture<Void> post(McpClientMessage message) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(postUrl).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenApply(answer -> {
            if (answer.statusCode() < 200 || answer.statusCode() >= 300) {
                throw new IllegalStateException("Unexpected status code: " + answer.statusCode());
            }
            return null;
        });
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && b.getHost() != null && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The event stream, line by line: {@code event:} and {@code data:} lines, an empty line ends an event. */
    private final class Events implements Flow.Subscriber<String> {
        private final CompletableFuture<String> endpoint;
        private String event = "message";
        private final StringBuilder data = new StringBuilder();

        Events(CompletableFuture<String> endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            stream = subscription;
            if (closed) {
                subscription.cancel();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring("data:".length()).stripLeading());
            }
        }

        private void dispatch() {
            String text = data.toString();
            String type = event;
            data.setLength(0);
            event = "message";
            if (text.isEmpty()) {
                return;
            }
            if ("endpoint".equals(type)) {
                if (!endpoint.complete(text)) {
                    LOG.warn("MCP server {} named its endpoint again; ignored", sseUrl);
                }
            } else if ("message".equals(type)) {
                try {
                    handler.handle(JSON.readTree(text));
                } catch (JsonProcessingException e) {
                    LOG.warn("MCP server {} sent an event that is not JSON; ignored", sseUrl);
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            // whenComplete of the exchange sees it.
        }

        @Override
        public void onComplete() {
            // whenComplete of the exchange sees it.
        }
    }
}
