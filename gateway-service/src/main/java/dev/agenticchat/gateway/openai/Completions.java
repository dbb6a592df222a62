package dev.agenticchat.gateway.openai;

import dev.agenticchat.gateway.apikey.ApiKeyService;
import dev.agenticchat.gateway.apikey.ApiKeyService.KeyHolder;
import dev.agenticchat.gateway.auth.KeyPrincipals;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a completion does before and after its turn: finds the caller's key, makes sure the model
 * is one of the tenant's agents, and posts the user message to chat-service on the key's own
 * thread (continuing the thread that holds the conversation so far, else a new one), which starts
 * the turn exactly as a message from the web app does. After the turn it records the conversation
 * the thread now holds. The turn itself is the agent's; this class only posts and records.
 */
@Singleton
class Completions {
    private static final String BEARER = "Bearer ";
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");

    private final ApiKeyService keys;
    private final KeyPrincipals principals;
    private final KeyCalls calls;
    private final KeyThreads threads;

    Completions(ApiKeyService keys, KeyPrincipals principals, KeyCalls calls, KeyThreads threads) {
        this.keys = keys;
        this.principals = principals;
        this.calls = calls;
        this.threads = threads;
    }

    /** A key and the token it acts with for this request. */
    record Caller(KeyHolder key, String token) {
        String tenantId() {
            return key.tenantId().toString();
        }

        String userId() {
            return key.userId().toString();
        }
    }

    record Posted(UUID threadId, String messageId) {
    }

    Caller authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
            throw OpenAiError.unauthenticated("You didn't provide an API key. Send it as 'Authorization: Bearer ack_...';"
                    + " a tenant admin creates one with POST /api/api-keys.");
        }
        KeyHolder key = keys.authenticate(header.substring(BEARER.length()).strip())
                .orElseThrow(() -> OpenAiError.unauthenticated("Incorrect API key provided, or the key was revoked."));
        return new Caller(key, principals.accessToken(key.userId(), key.tenantId()));
    }

    /** One of the agents the key's tenant offers it; anything else, another tenant's included, is model_not_found. */
    KeyCalls.Agent requireModel(Caller caller, String model) {
        if (!SLUG.matcher(model).matches()) {
            throw OpenAiError.modelNotFound(model);
        }
        KeyCalls.Reply<KeyCalls.Agent> agent = calls.agent(caller.token(), model);
        if (!agent.ok() || agent.body() == null) {
            throw OpenAiError.modelNotFound(model);
        }
        return agent.body();
    }

    Posted post(Caller caller, CompletionRequest request) {
        requireModel(caller, request.model());
        Conversation conversation = request.conversation();
        Optional<UUID> continued = conversation.earlier().isEmpty() ? Optional.empty()
                : threads.take(caller.key().keyId(), request.model(), conversation.earlierHash());
        KeyCalls.PostMessage message = continued
                .map(thread -> new KeyCalls.PostMessage(thread.toString(), conversation.question(), clientMessageId(), null))
                .orElseGet(() -> new KeyCalls.PostMessage(null, conversation.contentForNewThread(), clientMessageId(), request.model()));
        KeyCalls.Reply<KeyCalls.PostedMessage> reply = calls.post(caller.token(), message);
        if (!reply.ok() || reply.body() == null) {
            // Nothing was stored: the thread still holds the conversation it held.
            continued.ifPresent(thread -> threads.record(thread, caller.key().keyId(), request.model(), conversation.earlierHash()));
            throw refusal(reply, request.model());
        }
        return new Posted(UUID.fromString(reply.body().message().threadId()), reply.body().message().id());
    }

    /** The thread now holds the conversation with this answer: the next request that repeats it continues the thread. */
    void answered(Caller caller, String model, UUID threadId, Conversation conversation, String answer) {
        threads.record(threadId, caller.key().keyId(), model, conversation.hashWith(answer));
    }

    private static String clientMessageId() {
        return "openai-" + UUID.randomUUID();
    }

    /** chat-service's refusal in OpenAI's terms: its limits are 429s, anything about the message a 400. */
    private static OpenAiError refusal(KeyCalls.Reply<?> reply, String model) {
        Problem problem = reply.problem();
        String detail = problem == null || problem.detail() == null ? "the message was refused" : problem.detail();
        if (reply.status() == 429) {
            return OpenAiError.rateLimited(detail, reply.retryAfterSeconds());
        }
        if (problem != null && problem.errors() != null && problem.errors().stream().anyMatch(e -> "agent".equals(e.field()))) {
            return OpenAiError.modelNotFound(model);
        }
        return OpenAiError.invalid(detail, field(problem));
    }

    @Nullable
    private static String field(@Nullable Problem problem) {
        return problem != null && problem.errors() != null && !problem.errors().isEmpty() ? "messages" : null;
    }
}
