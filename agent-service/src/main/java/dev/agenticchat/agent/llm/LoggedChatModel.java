package dev.agenticchat.agent.llm;

import dev.agenticchat.agent.Interruptions;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The {@link BlockingModel}: the operator's OpenAI-compatible model ({@code agent.llm.model}),
 * each call, answered or failed, written to {@code llm_requests} with its tokens, cost and latency.
 */
@Singleton
class LoggedChatModel implements BlockingModel {
    private final ChatModel model;
    private final ModelTarget target;
    private final RequestLog log;

    LoggedChatModel(ChatModel model, LlmSettings settings, RequestLog log) {
        this.model = model;
        this.target = new ModelTarget(Providers.OPENAI, settings.getModel(), null);
        this.log = log;
    }

    @Override
    public ChatResponse chat(ModelCall call, ChatRequest request) {
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            if (!Interruptions.isInterruption(e)) {
                log.failed(call, target, request, millisSince(started), ModelFailure.of(e).detail());
            }
            throw e;
        }
        TokenUsage usage = response.tokenUsage();
        log.succeeded(call, target, request, response.aiMessage(), tokens(usage == null ? null : usage.inputTokenCount()),
                tokens(usage == null ? null : usage.outputTokenCount()), millisSince(started));
        return response;
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static long tokens(Integer count) {
        return count == null ? 0 : count;
    }
}
