package dev.agenticchat.agent.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a model call's request and response, redacted, when {@code agent.llm.request-log.bodies.enabled}.
 * Bodies are a diagnostic: failing to keep one is logged and never fails the call.
 */
@Singleton
class RequestBodies {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

    private final LlmRequestBodyRepository bodies;
    private final JsonMapper json;
    private final boolean enabled;

    RequestBodies(LlmRequestBodyRepository bodies, JsonMapper json, RequestBodySettings settings) {
        this.bodies = bodies;
        this.json = json;
        this.enabled = settings.isEnabled();
    }

    /** {@code answer} null: the call failed. */
    void keep(UUID requestId, Instant at, ChatRequest request, @Nullable AiMessage answer) {
        if (!enabled) {
            return;
        }
        try {
            String response = answer == null ? null : json.writeValueAsString(RequestBody.of(answer));
            bodies.insert(requestId, json.writeValueAsString(RequestBody.of(request)), response, at);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not keep the bodies of model call {}: {}", requestId, e.getClass().getSimpleName());
        }
    }
}
