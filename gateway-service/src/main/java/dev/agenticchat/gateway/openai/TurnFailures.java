package dev.agenticchat.gateway.openai;

import io.micronaut.http.HttpStatus;
import java.util.Map;

/**
 * A failed turn as an OpenAI error: a used-up budget is OpenAI's {@code insufficient_quota}
 * (429), a model provider that cannot be reached a 503, anything else a 500; {@code code} is the
 * turn's own code ({@code timeout}, {@code too_many_steps}, ...) and the message the turn's.
 */
final class TurnFailures {
    private record Kind(HttpStatus status, String type) {
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "budget_exceeded", new Kind(HttpStatus.TOO_MANY_REQUESTS, "insufficient_quota"),
            "llm_unavailable", new Kind(HttpStatus.SERVICE_UNAVAILABLE, "server_error"),
            "agent_unavailable", new Kind(HttpStatus.SERVICE_UNAVAILABLE, "server_error"));
    private static final Kind OTHER = new Kind(HttpStatus.INTERNAL_SERVER_ERROR, "server_error");

    private TurnFailures() {
    }

    static OpenAiError error(String code, String message) {
        Kind kind = KINDS.getOrDefault(code, OTHER);
        return new OpenAiError(kind.status(), message, kind.type(), null, code, null);
    }
}
