package dev.agenticchat.agent.mcp;

import dev.agenticchat.agent.llm.Deadline;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP client per registered server, reused by every turn of every thread, at most
 * {@code agent.mcp.max-connections} of them (the least recently used is closed first). A client
 * belongs to one version of the server's row: a changed row (url, transport, headers) gets a new one.
 * Each server's tool list is kept for {@code tools-cache-ttl}, and so is a failure to connect or list,
 * so that a server that is down costs one wait per interval, not one per turn. Every wait (connecting,
 * listing, calling) is bounded by its setting and by what is left of the turn, and a stopped turn
 * stops waiting at once; the address is checked before every connection. Streamable HTTP is
 * langchain4j's transport (redirects off), HTTP+SSE {@link SseMcpTransport}. A call that fails in the
 * transport drops the client, so the next use connects anew. All clients close with the service.
 */
@Singleton
class McpConnections {
    private static final Logger LOG = LoggerFactory.getLogger(McpConnections.class);
    private final McpSettings settings;
    private final AddressPolicy addresses;
    /** Waits run here so each can be bounded by the turn; as many at once as turns wait on MCP servers. */
    private final ExecutorService waits;
    /** Access order: the eldest is the least recently used. Guarded by itself. */
    private final Map<UUID, Connection> connections = new LinkedHashMap<>(16, 0.75f, true);

    McpConnections(McpSettings settings, AddressPolicy addresses) {
        this.settings = settings;
        this.addresses = addresses;
        AtomicInteger threads = new AtomicInteger();
        this.waits = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "mcp-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The server's tools as the server names them, from the cache while it is fresh. */
    List<ToolSpecification> tools(McpEndpoint endpoint, Deadline deadline) throws McpUnavailableException, InterruptedException {
        Connection connection = connection(endpoint);
        lock(connection, endpoint, deadline);
        try {
            long now = System.nanoTime();
            if (connection.failure != null && now - connection.checkedAt < settings.getToolsCacheTtl().toNanos()) {
                throw McpUnavailableException.cached(connection.failure);
            }
            if (connection.tools != null && now - connection.checkedAt < settings.getToolsCacheTtl().toNanos()) {
                return connection.tools;
            }
            try {
                McpClient client = client(connection, endpoint, deadline);
                List<ToolSpecification> listed = List.copyOf(await(client::listTools, settings.getConnectTimeout(), deadline,
                        "listing its tools"));
                connection.tools = listed;
                connection.failure = null;
                connection.checkedAt = System.nanoTime();
                return listed;
            } catch (McpUnavailableException e) {
                if (!e.turnBound()) {
                    connection.failed(e.getMessage());
                }
                throw e;
            }
        } finally {
            connection.lock.unlock();
        }
    }

    /**
     * Calls the tool (by the server's own name for it) and answers its text; any failure, the
     * server's or the transport's or running out of time, as a {@link McpCallFailedException} whose
     * message the model can act on.
     */
    String call(McpEndpoint endpoint, String toolName, String arguments, Deadline deadline)
            throws McpCallFailedException, InterruptedException {
        Connection connection = connection(endpoint);
        McpClient client;
        try {
            lock(connection, endpoint, deadline);
            try {
                client = client(connection, endpoint, deadline);
            } finally {
                connection.lock.unlock();
            }
        } catch (McpUnavailableException e) {
            throw new McpCallFailedException("the MCP server " + endpoint.slug() + " cannot be reached: " + e.getMessage());
        }
        ToolExecutionRequest request = ToolExecutionRequest.builder().name(toolName).arguments(arguments).build();
        try {
            ToolExecutionResult result = await(() -> client.executeTool(request), settings.getCallTimeout(), deadline,
                    "running " + toolName);
            return result.resultText() == null ? "" : result.resultText();
        } catch (McpUnavailableException e) {
            if (e.getCause() instanceof ToolArgumentsException
                    || (e.getCause() instanceof LangChain4jException answer && answer.getCause() == null)) {
                // The server answered: an error result (isError) or a JSON-RPC error. The connection is fine.
                throw new McpCallFailedException(e.getCause().getMessage());
            }
            if (e.getCause() != null && !(e.getCause() instanceof TimeoutException)) {
                // The transport failed (not a timeout, not a stopped turn): the next use connects anew.
                drop(connection, client);
            }
            throw new McpCallFailedException(e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        waits.shutdownNow();
        List<Connection> all;
        synchronized (connections) {
            all = new ArrayList<>(connections.values());
            connections.clear();
        }
        all.forEach(Connection::close);
    }

    /** The server's connection for this version of its row; an older version's is closed. */
    private Connection connection(McpEndpoint endpoint) {
        List<Connection> closing = new ArrayList<>();
        Connection connection;
        synchronized (connections) {
            connection = connections.get(endpoint.id());
            if (connection == null || !connection.updatedAt.equals(endpoint.updatedAt())) {
                if (connection != null) {
                    closing.add(connection);
                }
                connection = new Connection(endpoint.updatedAt());
                connections.put(endpoint.id(), connection);
                for (Iterator<Connection> eldest = connections.values().iterator();
                     connections.size() > Math.max(1, settings.getMaxConnections()); ) {
                    closing.add(eldest.next());
                    eldest.remove();
                }
            }
        }
        closing.forEach(Connection::close);
        return connection;
    }

    private void lock(Connection connection, McpEndpoint endpoint, Deadline deadline)
            throws McpUnavailableException, InterruptedException {
        long wait = Math.min(settings.getConnectTimeout().toMillis() * 2, deadline.remainingMillis());
        if (!connection.lock.tryLock(wait, TimeUnit.MILLISECONDS)) {
            throw McpUnavailableException.turnBound("another turn has been connecting to " + endpoint.slug() + " for too long",
                    null);
        }
    }

    /** The connection's client, connecting first if it has none; call holding the connection's lock. */
    private McpClient client(Connection connection, McpEndpoint endpoint, Deadline deadline)
            throws McpUnavailableException, InterruptedException {
        if (connection.client != null) {
            return connection.client;
        }
        try {
            addresses.check(endpoint.url());
        } catch (AddressPolicy.RefusedAddressException e) {
            throw McpUnavailableException.of("its url " + e.getMessage());
        }
        CompletableFuture<McpClient> connecting = CompletableFuture.supplyAsync(() -> connect(endpoint), waits);
        try {
            connection.client = await(connecting, settings.getConnectTimeout(), deadline, "connecting");
        } catch (McpUnavailableException | InterruptedException e) {
            // It may connect after all, once nobody waits for it.
            connecting.thenAccept(McpConnections::closeQuietly);
            throw e;
        }
        // The host only: a url's query may hold a token.
        LOG.info("connected to MCP server {} of tenant {} ({} at {})", endpoint.slug(), endpoint.tenantId(), endpoint.transport(),
                endpoint.url().getHost());
        return connection.client;
    }

    private McpClient connect(McpEndpoint endpoint) {
        String url = endpoint.url().toString();
        McpTransport transport = McpServer.SSE.equals(endpoint.transport())
                ? new SseMcpTransport(endpoint.url(), endpoint.headers(), settings.getConnectTimeout())
                : new StreamableHttpMcpTransport.Builder().url(url).customHeaders(endpoint.headers())
                        .timeout(settings.getConnectTimeout()).setHttpVersion1_1().followRedirects(false).build();
        return new DefaultMcpClient.Builder()
                .key(endpoint.tenantId() + "/" + endpoint.slug())
                .clientName("agentic-chat-agent-service")
                .transport(transport)
                .initializationTimeout(settings.getConnectTimeout())
                .toolExecutionTimeout(settings.getCallTimeout().plusSeconds(1))
                .autoHealthCheck(false)
                .cacheToolList(false)
                .build();
    }

    private <T> T await(Supplier<T> work, Duration limit, Deadline deadline, String what)
            throws McpUnavailableException, InterruptedException {
        return await(CompletableFuture.supplyAsync(work, waits), limit, deadline, what);
    }

    /** The work's result within the limit and the turn's deadline; a stopped turn stops waiting. */
    private static <T> T await(CompletableFuture<T> work, Duration limit, Deadline deadline, String what)
            throws McpUnavailableException, InterruptedException {
        long wait = Math.min(limit.toMillis(), deadline.remainingMillis());
        try {
            CompletableFuture.anyOf(work, deadline.cancellation()).handle((result, failure) -> null)
                    .get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            work.cancel(false);
            String message = "no answer within " + wait + " ms while " + what;
            throw wait < limit.toMillis() ? McpUnavailableException.turnBound(message + " (all the time the turn had left)", e)
                    : McpUnavailableException.of(message, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("handle() completes normally", e);
        } catch (InterruptedException e) {
            work.cancel(false);
            throw e;
        }
        if (!work.isDone()) {
            work.cancel(false);
            throw McpUnavailableException.turnBound("the turn was stopped while " + what, null);
        }
        try {
            return work.get();
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw McpUnavailableException.of(describe(cause) + " while " + what, cause);
        }
    }

    /** The innermost message of a failure: transports wrap theirs several times. */
    private static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return message == null || message.isBlank() ? innermost.getClass().getSimpleName() : message;
    }

    private static void drop(Connection connection, McpClient client) {
        connection.lock.lock();
        try {
            if (connection.client == client) {
                connection.client = null;
            }
        } finally {
            connection.lock.unlock();
        }
        closeQuietly(client);
    }

    private static void closeQuietly(McpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing an MCP client failed: {}", e.toString());
        }
    }

    /** One server's client and cached tool list (or failure); the fields are guarded by {@code lock}. */
    private static final class Connection {
        final ReentrantLock lock = new ReentrantLock();
        final Instant updatedAt;
        volatile McpClient client;
        List<ToolSpecification> tools;
        String failure;
        long checkedAt;

        Connection(Instant updatedAt) {
            this.updatedAt = updatedAt;
        }

        void failed(String message) {
            failure = message;
            tools = null;
            checkedAt = System.nanoTime();
            McpClient broken = client;
            client = null;
            closeQuietly(broken);
        }

        void close() {
            closeQuietly(client);
            client = null;
        }
    }
}
