package dev.agenticchat.gateway.openai;

import dev.agenticchat.gateway.config.ServiceUrls;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services, called with the key principal's own short-lived token, so each decides what the
 * key may see and do exactly as for any user: agent-service its tenant's agents, chat-service its
 * threads and messages (and the turn limits), artifact-service its artifacts. Blocking: the
 * controllers run on the blocking executor.
 */
@Singleton
class KeyCalls {
    private static final Logger LOG = LoggerFactory.getLogger(KeyCalls.class);

    private final HttpClient client;
    private final ServiceUrls urls;

    KeyCalls(HttpClient client, ServiceUrls urls) {
        this.client = client;
        this.urls = urls;
    }

    /** What a service answered: a body, or a refusal with its problem. */
    record Reply<T>(int status, @Nullable T body, @Nullable Problem problem, @Nullable Long retryAfterSeconds) {
        boolean ok() {
            return status < 300;
        }
    }

    @Serdeable
    record Agent(String slug, String name, @Nullable String description) {
    }

    @Serdeable
    record Agents(List<Agent> items) {
    }

    @Serdeable
    record PostMessage(@Nullable String threadId, String content, String clientMessageId, @Nullable String agent) {
    }

    @Serdeable
    record StoredMessage(String id, String threadId) {
    }

    @Serdeable
    record PostedMessage(StoredMessage message) {
    }

    Reply<Agents> agents(String token) {
        return call(HttpRequest.GET(url(urls.agent(), "/api/agents")).bearerAuth(token), Argument.of(Agents.class));
    }

    Reply<Agent> agent(String token, String slug) {
        return call(HttpRequest.GET(url(urls.agent(), "/api/agents/" + segment(slug))).bearerAuth(token), Argument.of(Agent.class));
    }

    Reply<PostedMessage> post(String token, PostMessage message) {
        return call(HttpRequest.POST(url(urls.chat(), "/api/messages"), message).bearerAuth(token)
                .contentType(MediaType.APPLICATION_JSON_TYPE), Argument.of(PostedMessage.class));
    }

    /** The artifact as artifact-service shows it to its owner, as JSON text. */
    Reply<String> artifact(String token, String id) {
        return call(HttpRequest.GET(url(urls.artifact(), "/api/artifacts/" + segment(id))).bearerAuth(token), Argument.STRING);
    }

    private <T> Reply<T> call(MutableHttpRequest<?> request, Argument<T> type) {
        try {
            HttpResponse<T> response = client.toBlocking().exchange(request.accept(MediaType.APPLICATION_JSON_TYPE), type,
                    Argument.of(Problem.class));
            return new Reply<>(response.code(), response.body(), null, null);
        } catch (HttpClientResponseException refused) {
            if (refused.code() >= 500) {
                LOG.warn("{} {} answered {}", request.getMethodName(), request.getPath(), refused.code());
                throw OpenAiError.unavailable("a service of the suite failed; try again shortly");
            }
            return new Reply<>(refused.code(), null, refused.getResponse().getBody(Problem.class).orElse(null),
                    retryAfter(refused.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER)));
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", request.getMethodName(), request.getPath(), e.toString());
            throw OpenAiError.unavailable("a service of the suite cannot be reached; try again shortly");
        }
    }

    @Nullable
    private static Long retryAfter(@Nullable String header) {
        try {
            return header == null ? null : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI url(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
