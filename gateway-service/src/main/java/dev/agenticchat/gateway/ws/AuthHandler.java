package dev.agenticchat.gateway.ws;

import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code auth}: the first frame makes the socket its token's user's (within that user's
 * connection limit); later ones renew the token, for the same user only.
 */
@Singleton
class AuthHandler implements ClientFrameHandler<ClientFrame.Auth> {
    private final AccessTokenVerifier tokens;
    private final SessionRegistry registry;
    private final WebSocketSettings settings;
    private final SocketOrigins origins;

    AuthHandler(AccessTokenVerifier tokens, SessionRegistry registry, WebSocketSettings settings, SocketOrigins origins) {
        this.tokens = tokens;
        this.registry = registry;
        this.settings = settings;
        this.origins = origins;
    }

    @Override
    public Class<ClientFrame.Auth> frameType() {
        return ClientFrame.Auth.class;
    }

    @Override
    public CompletableFuture<Void> handle(ClientSession session, ClientFrame.Auth frame) {
        ClientSession.Identity identity = validate(frame.token(), session.upgradeRequest()).orElse(null);
        if (identity == null) {
            return ClientReplies.error(session, null, ServerFrame.Error.UNAUTHENTICATED, "the token is invalid or expired", "token", null);
        }
        String origin = session.upgradeRequest().getHeaders().get(HttpHeaders.ORIGIN);
        if (!origins.mayAuthenticate(origin, identity.tenantId())) {
            session.refuse(new ServerFrame.Error(null, ServerFrame.newEventId(), ServerFrame.Error.ORIGIN_NOT_ALLOWED,
                    "this tenant does not allow the site " + origin + " to use the chat", "token", null), ClientSession.ORIGIN_NOT_ALLOWED);
            return ClientReplies.DONE;
        }
        ClientSession.Identity current = session.identity();
        if (current != null && !(current.tenantId().equals(identity.tenantId()) && current.userId().equals(identity.userId()))) {
            return ClientReplies.error(session, null, ServerFrame.Error.INVALID_FRAME,
                    "a connection stays with the user it authenticated as", "token", null);
        }
        if (current == null && !registry.authenticated(session, identity.tenantId(), identity.userId(),
                settings.maxConnectionsPerUser())) {
            session.refuse(ServerFrame.Error.rateLimited(null, "at most " + settings.maxConnectionsPerUser()
                    + " connections per user; close one (another tab?) or try again later", ChatSocket.RETRY_CONNECTION_MS, null),
                    ClientSession.TOO_MANY_CONNECTIONS);
            return ClientReplies.DONE;
        }
        session.authenticate(identity);
        return ClientReplies.send(session, new ServerFrame.AuthOk(ServerFrame.newEventId(), identity.userId(), identity.tenantId()));
    }

    private Optional<ClientSession.Identity> validate(String token, HttpRequest<?> upgradeRequest) {
        return tokens.verify(token, upgradeRequest).map(verified -> new ClientSession.Identity(verified.tenantId(),
                verified.userId(), verified.mergedUserIds(), token, verified.expiresAt()));
    }
}
