package dev.agenticchat.agent.llm;

import dev.agenticchat.agent.StoredText;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the model with streaming: text is handed on as it arrives, the complete message
 * (with its tool calls) is returned. A call that fails before any text was streamed
 * (connection refused, 429, 5xx, timeout) is retried after each configured pause; once
 * text has reached the user a retry would repeat it, so the call fails instead. Every
 * attempt is recorded in {@code llm_requests}.
 */
@Singleton
public class StreamingModel {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingModel.class);

    private final StreamingChatModel model;
    private final LlmSettings settings;
    private final LlmRequestRepository requests;

    StreamingModel(StreamingChatModel model, LlmSettings settings, LlmRequestRepository requests) {
        this.model = model;
        this.settings = settings;
        this.requests = requests;
    }

    public String modelName() {
        return settings.getModel();
    }

    public ModelReply call(ChatRequest request, ModelCall call, Consumer<String> onText, Deadline deadline)
            throws ModelUnavailableException, DeadlineExceededException, InterruptedException {
        List<Duration> backoff = settings.getRetryBackoff();
        for (int attempt = 1; ; attempt++) {
            deadline.check();
            Attempt current = new Attempt(onText);
            long started = System.nanoTime();
            try {
                model.chat(request, current);
            } catch (RuntimeException e) {
                current.onError(e);
            }
            ChatResponse response;
            try {
                CompletableFuture.anyOf(current.result, deadline.cancellation()).get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
                if (!current.result.isDone()) {
                    current.abandon();
                    record(request, call, started, null, "abandoned: the user stopped the turn");
                    throw new DeadlineExceededException(true);
                }
                response = current.result.get();
            } catch (TimeoutException e) {
                current.abandon();
                record(request, call, started, null, "abandoned: the turn reached its time limit");
                throw new DeadlineExceededException();
            } catch (InterruptedException e) {
                current.abandon();
                throw e;
            } catch (ExecutionException e) {
                ModelFailure failure = ModelFailure.of(e.getCause());
                record(request, call, started, null, failure.detail());
                if (current.streamedText()) {
                    throw new ModelUnavailableException("The language model stopped in the middle of its answer ("
                            + failure.summary() + ").");
                }
                if (!failure.retriable() || attempt > backoff.size()) {
                    throw new ModelUnavailableException(failure.userMessage(attempt));
                }
                long pause = Math.min(backoff.get(attempt - 1).toMillis(), deadline.remainingMillis());
                LOG.warn("turn {} step {}: model call {} failed ({}); retrying in {} ms",
                        call.turnId(), call.step(), attempt, failure.summary(), pause);
                TimeUnit.MILLISECONDS.sleep(pause);
                continue;
            }
            TokenUsage usage = response.tokenUsage();
            ModelReply reply = new ModelReply(response.aiMessage(), tokens(usage == null ? null : usage.inputTokenCount()),
                    tokens(usage == null ? null : usage.outputTokenCount()));
            record(request, call, started, reply, null);
            return reply;
        }
    }

    private void record(ChatRequest request, ModelCall call, long startedNanos, ModelReply reply, String error) {
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        String modelName = request.modelName() != null ? request.modelName() : settings.getModel();
        requests.save(new LlmRequest(UUID.randomUUID(), call.turnId(), modelName, call.step(),
                reply == null ? 0 : reply.inputTokens(), reply == null ? 0 : reply.outputTokens(), latencyMs,
                reply == null ? LlmRequest.ERROR : LlmRequest.OK, StoredText.of(error), Instant.now(), call.agentId(),
                call.agentVersion(), call.provider()));
    }

    private static long tokens(Integer count) {
        return count == null ? 0 : count;
    }

    /** One try at a streamed answer; abandoned attempts cancel their stream and forward nothing more. */
    private static final class Attempt implements StreamingChatResponseHandler {
        final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        private final Consumer<String> onText;
        private volatile boolean abandoned;
        private volatile boolean streamed;
        private volatile StreamingHandle handle;

        Attempt(Consumer<String> onText) {
            this.onText = onText;
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            handle = context.streamingHandle();
            if (abandoned) {
                handle.cancel();
                return;
            }
            onPartialResponse(partialResponse.text());
        }

        @Override
        public void onPartialResponse(String text) {
            if (abandoned || text == null || text.isEmpty()) {
                return;
            }
            streamed = true;
            onText.accept(text);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            result.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        boolean streamedText() {
            return streamed;
        }

        void abandon() {
            abandoned = true;
            StreamingHandle current = handle;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
