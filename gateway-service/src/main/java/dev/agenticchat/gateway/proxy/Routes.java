package dev.agenticchat.gateway.proxy;

import dev.agenticchat.gateway.config.ServiceUrls;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which service answers which public path prefix. */
@Singleton
public class Routes {
    private final List<Route> routes;

    Routes(ServiceUrls urls) {
        this.routes = List.of(
                new Route("/api/threads", "chat-service", urls.chat()),
                new Route("/api/messages", "chat-service", urls.chat()),
                new Route("/api/attachments", "chat-service", urls.chat()),
                new Route("/api/artifacts", "artifact-service", urls.artifact()),
                new Route("/api/artifact-types", "artifact-service", urls.artifact()),
                new Route("/api/knowledge-bases", "retrieval-service", urls.retrieval()),
                new Route("/api/documents", "retrieval-service", urls.retrieval()),
                // Public read-only views of shared artifacts: the link's token is the only credential.
                new Route("/api/shared", "artifact-service", urls.artifact()),
                new Route("/shared", "artifact-service", urls.artifact()),
                new Route("/api/webhooks", "notification-service", urls.notification()),
                new Route("/api/agents", "agent-service", urls.agent()),
                new Route("/api/audit", "agent-service", urls.agent()),
                new Route("/api/credentials", "agent-service", urls.agent()),
                new Route("/api/mcp-servers", "agent-service", urls.agent()),
                new Route("/api/usage", "agent-service", urls.agent()),
                new Route("/api/budgets", "agent-service", urls.agent()),
                // The mail log, for operators (X-Admin-Token); the tenant admin API stays in the gateway.
                new Route("/api/admin/email-events", "notification-service", urls.notification()));
    }

    /**
     * Paths under a service's prefix that the gateway answers itself: the thread's SSE stream, and
     * posting to a thread (chat-service's answer plus the stream to read, see the sse package).
     */
    private static final Pattern THREAD_EVENTS = Pattern.compile("/api/threads/[^/]+/events");
    private static final Pattern THREAD_MESSAGES = Pattern.compile("/api/threads/[^/]+/messages");

    Optional<Route> match(String method, String path) {
        if ((method.equals("GET") && THREAD_EVENTS.matcher(path).matches())
                || (method.equals("POST") && THREAD_MESSAGES.matcher(path).matches())) {
            return Optional.empty();
        }
        return routes.stream().filter(route -> route.matches(path)).findFirst();
    }

    /** Every proxied prefix, in match order (apidocs/ merges the services' documents by these). */
    public List<Route> all() {
        return routes;
    }

    public record Route(String prefix, String service, URI baseUrl) {
        /** Whole segments only: {@code /api/threads} and {@code /api/threads/x}, never {@code /api/threadsx}. */
        public boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }

        /** The same path and query on the service; built from the raw parts so nothing is re-encoded. */
        public URI target(String rawPath, String rawQuery) {
            String base = baseUrl.toString();
            if (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return URI.create(base + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        }
    }
}
