package dev.agenticchat.gateway.ws;

import dev.agenticchat.gateway.metrics.WebSocketMetrics;
import dev.agenticchat.gateway.stream.ThreadReader;
import dev.agenticchat.gateway.stream.ThreadSubscription;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.exceptions.WebSocketSessionException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: who it authenticated as, the threads it watches, and the order
 * its frames are handled in. Frames are handled one after the other (a user_message waits
 * for the subscribe before it), without blocking the event loop: each step is asynchronous.
 * Sends never block either; a client that does not read its frames is dropped instead.
 */
public final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final String ATTRIBUTE = "agentic.client-session";
    static final CloseReason AUTH_TIMEOUT = new CloseReason(4401, "authentication timeout");
    static final CloseReason FLOODING = new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "too many frames");
    static final CloseReason TOO_SLOW = new CloseReason(CloseReason.TRY_AGAIN_LATER.getCode(), "client does not read its frames");
    static final CloseReason ORIGIN_NOT_ALLOWED = new CloseReason(4403, "origin not allowed for this tenant");
    static final CloseReason TOO_MANY_CONNECTIONS = new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "too many connections");
    /** Frames received but not yet handled; a client that does not wait for answers is cut off. */
    private static final int MAX_QUEUED_FRAMES = 100;
    /** Recent client_message_ids of this session, so fan-out does not echo its own messages back. */
    private static final int REMEMBERED_MESSAGES = 256;
    static final String TOKEN_EXPIRED = "token expired; send auth with a fresh token";

    private final WebSocketSession socket;
    private final HttpRequest<?> upgradeRequest;
    private final JsonMapper json;
    private final WebSocketSettings settings;
    private final FloodGuard flood;
    private final String address;
    private volatile boolean counted;
    /** The threads this session reads, each with its subscription; changed under its own lock. */
    private final Map<String, ThreadSubscription> threads = new ConcurrentHashMap<>();
    /** This session as a reader of its threads' streams. */
    private final ThreadReader reader = new SessionReader();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final WebSocketMetrics metrics;
    private final Object sendLock = new Object();
    private final Deque<String> sentMessages = new ArrayDeque<>();
    /** The identity whose expiry the client was told about, so it is told once per token. */
    private final AtomicReference<Identity> expiryReported = new AtomicReference<>();
    private volatile Identity identity;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> authDeadline;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int queued;
    private ByteArrayOutputStream fragments;
    private boolean fragmentsTooLarge;

    /** The user behind the socket, from the token of its last {@code auth} frame. */
    record Identity(String tenantId, String userId, List<String> mergedUserIds, String token, Instant expiresAt) {
        /** Its own events and, just after a link, those of a turn that started for a session now merged into it. */
        boolean receives(String eventTenantId, String eventUserId) {
            return tenantId.equals(eventTenantId) && (userId.equals(eventUserId) || mergedUserIds.contains(eventUserId));
        }

        boolean expired() {
            return !Instant.now().isBefore(expiresAt);
        }
    }

    /** A complete message: its text, or why there is none. */
    record Incoming(String text, boolean tooLarge, boolean binary) {
    }

    ClientSession(WebSocketSession socket, HttpRequest<?> upgradeRequest, JsonMapper json, WebSocketSettings settings,
                  String address, WebSocketMetrics metrics) {
        this.metrics = metrics;
        this.socket = socket;
        this.address = address;
        this.upgradeRequest = upgradeRequest;
        this.json = json;
        this.settings = settings;
        this.flood = new FloodGuard(settings.maxFramesPerSecond(), settings.floodSeconds());
    }


    /**
     * Whether an event of this tenant and user may be pushed to this session: only its own
     * user's (a person's includes the sessions just linked into them, whose running turns still
     * name the session), and only while its token is valid. The first event held back for an expired
     * token tells the client, once, to authenticate again; a fresh auth frame restores delivery.
     */
    public boolean accepts(String tenantId, String userId) {
        Identity current = identity;
        if (current == null || !current.receives(tenantId, userId)) {
            return false;
        }
        if (current.expired()) {
            if (expiryReported.getAndSet(current) != current) {
                send(new ServerFrame.Error(null, ServerFrame.newEventId(), ServerFrame.Error.UNAUTHENTICATED,
                        TOKEN_EXPIRED, null, null));
            }
            return false;
        }
        return true;
    }

    /** True if this session sent the message with this client_message_id (it already has the ack). */
    public boolean sent(String clientMessageId) {
        synchronized (sentMessages) {
            return clientMessageId != null && sentMessages.contains(clientMessageId);
        }
    }

    /** Queues a frame serialized once for all its recipients; never blocks. */
    public void send(String frame) {
        synchronized (sendLock) {
            if (closed || !socket.isOpen()) {
                return;
            }
            long size = Utf8.length(frame);
            if (pendingBytes.addAndGet(size) > settings.maxPendingBytes() && settings.maxPendingBytes() > 0) {
                pendingBytes.addAndGet(-size);
                LOG.info("Dropping WebSocket session of user {}: more than {} bytes not yet written to it",
                        identity == null ? null : identity.userId(), settings.maxPendingBytes());
                close(TOO_SLOW);
                return;
            }
            try {
                socket.sendAsync(frame).whenComplete((sent, error) -> pendingBytes.addAndGet(-size));
            } catch (WebSocketSessionException e) {
                pendingBytes.addAndGet(-size);
            }
        }
    }

    /**
     * Runs {@code action} with no frame sent to this session by anyone else meanwhile: subscribing
     * and then confirming inside it puts the confirmation before the thread's first event.
     */
    void exclusively(Runnable action) {
        synchronized (sendLock) {
            action.run();
        }
    }

    /** Queues a frame already serialized (once, for all its recipients). */
    public void send(ServerFrame frame, String text) {
        metrics.frameOut(frame.type());
        send(text);
    }

    void send(ServerFrame frame) {
        try {
            send(frame, json.writeValueAsString(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Collects a text message from its frame and continuation frames. Past the size limit the
     * rest is discarded and the message reported too large, so memory stays bounded.
     */
    Optional<Incoming> assemble(WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame || (frame instanceof ContinuationWebSocketFrame && fragments == null)) {
            return frame.isFinalFragment() ? Optional.of(new Incoming(null, false, true)) : Optional.empty();
        }
        ByteBuf content = frame.content();
        if (fragments == null) {
            if (frame.isFinalFragment()) {
                if (content.readableBytes() > settings.maxFrameBytes()) {
                    return Optional.of(new Incoming(null, true, false));
                }
                return Optional.of(new Incoming(content.toString(StandardCharsets.UTF_8), false, false));
            }
            fragments = new ByteArrayOutputStream();
            fragmentsTooLarge = false;
        }
        if (!fragmentsTooLarge && fragments.size() + content.readableBytes() > settings.maxFrameBytes()) {
            fragmentsTooLarge = true;
            fragments.reset();
        }
        if (!fragmentsTooLarge) {
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            fragments.writeBytes(bytes);
        }
        if (!frame.isFinalFragment()) {
            return Optional.empty();
        }
        Incoming message = fragmentsTooLarge ? new Incoming(null, true, false)
                : new Incoming(fragments.toString(StandardCharsets.UTF_8), false, false);
        fragments = null;
        return Optional.of(message);
    }

    /** Counts a received frame; false (and the socket closed with 1008) when the client floods. */
    boolean admit() {
        if (flood.allow(System.nanoTime())) {
            return true;
        }
        LOG.info("Closing WebSocket session of user {}: flooding", identity == null ? null : identity.userId());
        close(FLOODING);
        return false;
    }

    /**
     * Runs {@code step} once every frame received before it has been handled. The step runs
     * outside the lock, on the thread that finished the previous one.
     */
    void enqueue(Supplier<CompletableFuture<Void>> step) {
        CompletableFuture<Void> previous;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (queued >= MAX_QUEUED_FRAMES) {
                LOG.info("Closing WebSocket session of user {}: {} frames waiting", identity == null ? null : identity.userId(), queued);
                close(FLOODING);
                return;
            }
            queued++;
            previous = tail;
            tail = done;
        }
        previous.whenComplete((ignored, previousError) -> start(step).whenComplete((result, error) -> {
            if (error != null) {
                LOG.error("WebSocket frame handling failed", error);
            }
            synchronized (this) {
                queued--;
            }
            done.complete(null);
        }));
    }

    private static CompletableFuture<Void> start(Supplier<CompletableFuture<Void>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    Identity identity() {
        return identity;
    }

    boolean authenticated() {
        return identity != null;
    }

    void authenticate(Identity newIdentity) {
        this.identity = newIdentity;
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    void authDeadline(ScheduledFuture<?> deadline) {
        this.authDeadline = deadline;
    }

    void closeIfUnauthenticated() {
        if (identity == null) {
            close(AUTH_TIMEOUT);
        }
    }

    HttpRequest<?> upgradeRequest() {
        return upgradeRequest;
    }

    void rememberSent(String clientMessageId) {
        synchronized (sentMessages) {
            if (sentMessages.size() == REMEMBERED_MESSAGES) {
                sentMessages.removeFirst();
            }
            sentMessages.addLast(clientMessageId);
        }
    }

    /**
     * Starts reading a thread with the subscription {@code open} makes, unless it reads it already
     * ({@code replace}: the old subscription gives way to the new one, say to replay from an
     * {@code after_seq}); false past {@code max} threads.
     */
    boolean watch(String threadId, int max, boolean replace, Supplier<ThreadSubscription> open) {
        synchronized (threads) {
            ThreadSubscription existing = threads.get(threadId);
            if (existing != null && !replace) {
                return true;
            }
            if (existing == null && threads.size() >= max) {
                return false;
            }
            if (existing != null) {
                existing.close();
            }
            threads.put(threadId, open.get());
            return true;
        }
    }

    void unwatch(String threadId) {
        ThreadSubscription subscription;
        synchronized (threads) {
            subscription = threads.remove(threadId);
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    Set<String> threads() {
        return Set.copyOf(threads.keySet());
    }

    ThreadReader reader() {
        return reader;
    }

    /** Delivers a thread's frames to the socket; a resume the log cannot serve says so with a frame. */
    private final class SessionReader implements ThreadReader {
        @Override
        public boolean accepts(String tenantId, String userId) {
            return ClientSession.this.accepts(tenantId, userId);
        }

        @Override
        public void deliver(ServerFrame frame, String json) {
            send(frame, json);
        }

        @Override
        public void historyRequired(String threadId) {
            send(new ServerFrame.HistoryRequired(threadId, ServerFrame.newEventId()));
        }

        @Override
        public boolean posted(String clientMessageId) {
            return sent(clientMessageId);
        }
    }

    boolean open() {
        return !closed && socket.isOpen();
    }

    void markClosed() {
        closed = true;
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    void close(CloseReason reason) {
        markClosed();
        if (socket.isOpen()) {
            socket.close(reason);
        }
    }

    /** Tells the client why, then closes: the frame is written before the close frame. */
    void refuse(ServerFrame why, CloseReason reason) {
        String text;
        try {
            text = json.writeValueAsString(why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        markClosed();
        if (socket.isOpen()) {
            socket.sendAsync(text).whenComplete((sent, error) -> {
                if (socket.isOpen()) {
                    socket.close(reason);
                }
            });
        }
    }

    /** The client address its connection counts against (per-address limit). */
    String address() {
        return address;
    }

    void counted() {
        counted = true;
    }

    boolean wasCounted() {
        return counted;
    }
}
