package dev.agenticchat.gateway.tracing;

import dev.agenticchat.support.tracing.LogFields;
import dev.agenticchat.support.tracing.TracedScope;
import dev.agenticchat.support.tracing.Tracing;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The root span of a turn asked for over a WebSocket: a {@code user_message} frame is no HTTP
 * request, so no server span exists to continue. The post to chat-service is its child, and
 * through it everything the turn does; the span ends when chat-service has answered.
 */
@Singleton
public class SocketTracing {
    private final Tracing tracing;

    SocketTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    public <T> CompletableFuture<T> userMessage(String userId, @Nullable String threadId, Supplier<CompletableFuture<T>> post) {
        Span span = tracing.span("WebSocket user_message", SpanKind.SERVER)
                .setNoParent()
                .setAttribute("network.protocol.name", "websocket")
                .setAttribute("agentic.ws.frame", "user_message")
                .setAttribute("agentic.thread_id", threadId)
                .startSpan();
        CompletableFuture<T> result;
        try (TracedScope ignored = TracedScope.continuing(Context.root().with(span)).log(LogFields.USER_ID, userId)) {
            result = post.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.end();
            throw e;
        }
        return result.whenComplete((value, error) -> {
            if (error != null) {
                span.recordException(error);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }
}
