package dev.agenticchat.gateway.ws;

import com.nimbusds.jwt.JWT;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.CancelTurn;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.kafka.EventPublisher;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.text.ParseException;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of DESIGN.md §5: what each client frame does and what the client hears
 * back. A bad frame costs the client an {@code error} frame, never its connection.
 */
@Singleton
class ClientProtocol {
    static final String BAD_JSON = "bad_json";
    static final String INVALID_FRAME = "invalid_frame";
    static final String UNKNOWN_TYPE = "unknown_type";
    static final String FRAME_TOO_LARGE = "frame_too_large";
    static final String UNAUTHENTICATED = "unauthenticated";
    static final String THREAD_NOT_FOUND = "thread_not_found";
    static final String INVALID_MESSAGE = "invalid_message";
    static final String UNAVAILABLE = "unavailable";
    static final String TOO_MANY_SUBSCRIPTIONS = "too_many_subscriptions";
    static final String RATE_LIMITED = "rate_limited";

    private static final Logger LOG = LoggerFactory.getLogger(ClientProtocol.class);
    /** Ids go into chat-service URLs: letters, digits, '-' and '_' only (UUIDs and the like). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 200;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final JsonMapper json;
    private final JsonWebTokenValidator<JWT, HttpRequest<?>> tokenValidator;
    private final JwtAuthenticationFactory authentications;
    private final ChatServiceClient chat;
    private final SessionRegistry registry;
    private final EventPublisher publisher;
    private final ExecutorService blocking;
    private final WebSocketSettings settings;

    ClientProtocol(JsonMapper json, JsonWebTokenValidator<JWT, HttpRequest<?>> tokenValidator,
                   JwtAuthenticationFactory authentications, ChatServiceClient chat, SessionRegistry registry,
                   EventPublisher publisher, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                   WebSocketSettings settings) {
        this.json = json;
        this.tokenValidator = tokenValidator;
        this.authentications = authentications;
        this.chat = chat;
        this.registry = registry;
        this.publisher = publisher;
        this.blocking = blocking;
        this.settings = settings;
    }

    /** A frame that names a field wrongly; answered with {@code invalid_frame}. */
    private static final class InvalidFrame extends RuntimeException {
        private final String field;

        InvalidFrame(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    CompletableFuture<Void> handle(ClientSession session, ClientSession.Incoming incoming) {
        if (incoming.binary()) {
            return error(session, null, BAD_JSON, "frames are JSON text, not binary", null, null);
        }
        if (incoming.tooLarge()) {
            return error(session, null, FRAME_TOO_LARGE, "a frame may hold at most " + settings.maxFrameBytes() + " bytes", null, null);
        }
        JsonNode frame;
        try {
            frame = json.readValue(incoming.text(), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return error(session, null, BAD_JSON, "the frame is not valid JSON", null, null);
        }
        if (frame == null || !frame.isObject()) {
            return error(session, null, INVALID_FRAME, "a frame is a JSON object with a type", null, null);
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isString()) {
            return error(session, null, INVALID_FRAME, "type is required", "type", null);
        }
        if (!session.authenticated() && !"auth".equals(type.getStringValue())) {
            return error(session, null, UNAUTHENTICATED, "the first frame must be {\"type\":\"auth\",\"token\":...}", null, null);
        }
        try {
            return switch (type.getStringValue()) {
                case "auth" -> auth(session, frame);
                case "ping" -> send(session, new ServerFrame.Pong(newEventId()));
                case "subscribe" -> subscribe(session, requiredId(frame, "thread_id"));
                case "unsubscribe" -> unsubscribe(session, requiredId(frame, "thread_id"));
                case "user_message" -> userMessage(session, frame);
                case "cancel_turn" -> cancelTurn(session, requiredId(frame, "thread_id"), optionalId(frame, "turn_id"));
                default -> error(session, null, UNKNOWN_TYPE, "unknown frame type " + truncate(type.getStringValue()), "type", null);
            };
        } catch (InvalidFrame e) {
            return error(session, null, INVALID_FRAME, e.getMessage(), e.field, null);
        }
    }

    private CompletableFuture<Void> auth(ClientSession session, JsonNode frame) {
        String token = requiredText(frame, "token", MAX_TOKEN_LENGTH);
        ClientSession.Identity identity = validate(token, session.upgradeRequest()).orElse(null);
        if (identity == null) {
            return error(session, null, UNAUTHENTICATED, "the token is invalid or expired", "token", null);
        }
        ClientSession.Identity current = session.identity();
        if (current != null && !(current.tenantId().equals(identity.tenantId()) && current.userId().equals(identity.userId()))) {
            return error(session, null, INVALID_FRAME, "a connection stays with the user it authenticated as", "token", null);
        }
        if (current == null && !registry.authenticated(session, identity.tenantId(), identity.userId(),
                settings.maxConnectionsPerUser())) {
            session.refuse(ServerFrame.Error.rateLimited(null, "at most " + settings.maxConnectionsPerUser()
                    + " connections per user; close one (another tab?) or try again later", ChatSocket.RETRY_CONNECTION_MS, null),
                    ClientSession.TOO_MANY_CONNECTIONS);
            return DONE;
        }
        session.authenticate(identity);
        return send(session, new ServerFrame.AuthOk(newEventId(), identity.userId(), identity.tenantId()));
    }

    /** The same validation as for HTTP requests: signature, expiry, issuer, then the {@code tenant} claim. */
    private Optional<ClientSession.Identity> validate(String token, HttpRequest<?> upgradeRequest) {
        Optional<JWT> jwt = tokenValidator.validate(token, upgradeRequest);
        Optional<Authentication> authentication = jwt.flatMap(authentications::createAuthentication);
        if (jwt.isEmpty() || authentication.isEmpty()) {
            return Optional.empty();
        }
        try {
            Caller caller = Caller.of(authentication.get());
            Date expiresAt = jwt.get().getJWTClaimsSet().getExpirationTime();
            if (expiresAt == null) {
                return Optional.empty();
            }
            return Optional.of(new ClientSession.Identity(caller.tenantId(), caller.userId(), caller.mergedUserIds(), token,
                    expiresAt.toInstant()));
        } catch (HttpStatusException | ParseException e) {
            return Optional.empty();
        }
    }

    private CompletableFuture<Void> subscribe(ClientSession session, String threadId) {
        ClientSession.Identity identity = usableIdentity(session, threadId, null);
        if (identity == null) {
            return DONE;
        }
        return chat.thread(identity.token(), threadId).thenAccept(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Ok<String>) {
                session.exclusively(() -> {
                    if (registry.subscribe(session, threadId, settings.maxSubscriptions())) {
                        session.send(new ServerFrame.Subscribed(threadId, newEventId()));
                    } else {
                        error(session, threadId, TOO_MANY_SUBSCRIPTIONS,
                                "a connection may watch at most " + settings.maxSubscriptions() + " threads", "thread_id", null);
                    }
                });
            } else if (reply instanceof ChatServiceClient.Reply.Refused<String> refused) {
                refusedThread(session, threadId, refused.status(), null);
            } else {
                unavailable(session, threadId, null);
            }
        });
    }

    private CompletableFuture<Void> unsubscribe(ClientSession session, String threadId) {
        registry.unsubscribe(session, threadId);
        return DONE;
    }

    private CompletableFuture<Void> userMessage(ClientSession session, JsonNode frame) {
        String threadId = optionalId(frame, "thread_id");
        String content = requiredText(frame, "content", settings.maxFrameBytes());
        String clientMessageId = requiredText(frame, "client_message_id", MAX_CLIENT_MESSAGE_ID_LENGTH);
        if (clientMessageId.isBlank()) {
            throw new InvalidFrame("client_message_id", "client_message_id must not be blank");
        }
        ClientSession.Identity identity = usableIdentity(session, threadId, clientMessageId);
        if (identity == null) {
            return DONE;
        }
        // Before posting: the MessagePosted event may reach this instance before chat-service's answer.
        session.rememberSent(clientMessageId);
        return chat.post(identity.token(), new ChatServiceClient.PostMessage(threadId, content, clientMessageId)).thenAccept(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Ok<ChatServiceClient.PostedMessage> ok) {
                acknowledge(session, threadId, content, clientMessageId, ok);
            } else if (reply instanceof ChatServiceClient.Reply.Refused<ChatServiceClient.PostedMessage> refused) {
                if (refused.status() == 429) {
                    String message = refused.problem() == null || refused.problem().detail() == null
                            ? "too many messages; try again later" : refused.problem().detail();
                    long retryAfterMs = 1000 * (refused.retryAfterSeconds() == null ? 1 : refused.retryAfterSeconds());
                    session.send(ServerFrame.Error.rateLimited(threadId, message, retryAfterMs, clientMessageId));
                } else if (refused.status() == 401 || refused.status() == 404) {
                    refusedThread(session, threadId, refused.status(), clientMessageId);
                } else {
                    Problem problem = refused.problem();
                    String field = problem == null || problem.errors() == null || problem.errors().isEmpty()
                            ? null : problem.errors().get(0).field();
                    String message = problem == null || problem.detail() == null ? "chat-service refused the message" : problem.detail();
                    error(session, threadId, INVALID_MESSAGE, message, field, clientMessageId);
                }
            } else {
                unavailable(session, threadId, clientMessageId);
            }
        });
    }

    private void acknowledge(ClientSession session, @Nullable String requestedThreadId, String content, String clientMessageId,
                             ChatServiceClient.Reply.Ok<ChatServiceClient.PostedMessage> ok) {
        ChatServiceClient.StoredMessage stored = ok.body() == null ? null : ok.body().message();
        String threadId = stored == null || stored.threadId() == null ? requestedThreadId : stored.threadId();
        String messageId = stored == null ? null : stored.id();
        if (threadId == null || messageId == null) {
            LOG.warn("chat-service stored a message but its answer names no {}", threadId == null ? "thread_id" : "message id");
            unavailable(session, requestedThreadId, clientMessageId);
            return;
        }
        boolean duplicate = ok.body().duplicate() != null ? ok.body().duplicate() : ok.status() == 200;
        ServerFrame ack = new ServerFrame.UserMessage(threadId, newEventId(), messageId, clientMessageId,
                stored.content() != null ? stored.content() : content, stored.createdAt(), duplicate);
        // The ack comes before any event of the (possibly new) thread: the client learns the thread id first.
        session.exclusively(() -> {
            registry.subscribe(session, threadId, settings.maxSubscriptions());
            session.send(ack);
        });
    }

    private CompletableFuture<Void> cancelTurn(ClientSession session, String threadId, @Nullable String turnId) {
        ClientSession.Identity identity = usableIdentity(session, threadId, null);
        if (identity == null) {
            return DONE;
        }
        return chat.thread(identity.token(), threadId).thenCompose(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Refused<String> refused) {
                refusedThread(session, threadId, refused.status(), null);
                return DONE;
            }
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                unavailable(session, threadId, null);
                return DONE;
            }
            // The producer may block on metadata, never on the event loop.
            EventContext context = EventContext.ofThread(identity.tenantId(), identity.userId(), threadId);
            return CompletableFuture
                    .supplyAsync(() -> publisher.publish(Topics.AGENT_COMMANDS, new CancelTurn(threadId, turnId), context), blocking)
                    .thenCompose(sent -> sent)
                    .handle((sent, error) -> {
                        if (error != null) {
                            LOG.warn("Could not publish the cancellation of thread {}: {}", threadId, error.toString());
                            unavailable(session, threadId, null);
                        }
                        return null;
                    });
        });
    }

    /** The identity to call chat-service with, or null after telling the client to authenticate again. */
    private ClientSession.Identity usableIdentity(ClientSession session, @Nullable String threadId, @Nullable String clientMessageId) {
        ClientSession.Identity identity = session.identity();
        if (identity.expired()) {
            error(session, threadId, UNAUTHENTICATED, "the token has expired; send an auth frame with a fresh one", null, clientMessageId);
            return null;
        }
        return identity;
    }

    private void refusedThread(ClientSession session, @Nullable String threadId, int status, @Nullable String clientMessageId) {
        if (status == 401) {
            error(session, threadId, UNAUTHENTICATED, "chat-service refused the token; send an auth frame with a fresh one", null, clientMessageId);
        } else {
            error(session, threadId, THREAD_NOT_FOUND, "thread " + threadId + " does not exist", "thread_id", clientMessageId);
        }
    }

    private void unavailable(ClientSession session, @Nullable String threadId, @Nullable String clientMessageId) {
        error(session, threadId, UNAVAILABLE, "the chat service is unavailable; try again shortly", null, clientMessageId);
    }

    private static CompletableFuture<Void> error(ClientSession session, @Nullable String threadId, String code, String message,
                                                 @Nullable String field, @Nullable String clientMessageId) {
        return send(session, new ServerFrame.Error(threadId, newEventId(), code, message, field, clientMessageId));
    }

    private static CompletableFuture<Void> send(ClientSession session, ServerFrame frame) {
        session.send(frame);
        return DONE;
    }

    private static String requiredText(JsonNode frame, String field, int maxLength) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidFrame(field, field + " is required");
        }
        if (!value.isString()) {
            throw new InvalidFrame(field, field + " must be a string");
        }
        String text = value.getStringValue();
        if (text.length() > maxLength) {
            throw new InvalidFrame(field, field + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static String requiredId(JsonNode frame, String field) {
        String id = optionalId(frame, field);
        if (id == null) {
            throw new InvalidFrame(field, field + " is required");
        }
        return id;
    }

    @Nullable
    private static String optionalId(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || !ID.matcher(value.getStringValue()).matches()) {
            throw new InvalidFrame(field, field + " must be an id (letters, digits, '-' or '_', at most 64)");
        }
        return value.getStringValue();
    }

    private static String truncate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
