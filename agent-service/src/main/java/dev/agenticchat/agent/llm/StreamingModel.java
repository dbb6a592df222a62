package dev.agenticchat.agent.llm;

import dev.agenticchat.agent.tracing.AgentTracing;
import dev.agenticchat.support.tracing.TracedScope;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the model with streaming: text (and, when the agent wants it, reasoning) is handed on
 * as it arrives, the complete message (with its tool calls) is returned. The agent's model is
 * tried first, then its fallbacks in order; a call that fails before any text was streamed
 * with 429, 5xx, a timeout or a connection error goes to the next one, and when all have
 * failed the round is tried again after each configured pause. Once text has reached the user
 * a retry would repeat it, so the call fails instead. Every attempt is recorded in
 * {@code llm_requests}. An attempt whose estimated spend runs past the turn's {@link SpendLimit}
 * is abandoned like a cancelled one, and logged with the tokens it is estimated to have used.
 */
@Singleton
public class StreamingModel {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingModel.class);

    private final ProviderClients providers;
    private final LlmSettings settings;
    private final RequestLog log;
    private final AgentTracing tracing;

    StreamingModel(ProviderClients providers, LlmSettings settings, RequestLog log, AgentTracing tracing) {
        this.tracing = tracing;
        this.providers = providers;
        this.settings = settings;
        this.log = log;
    }

    public String modelName() {
        return settings.getModel();
    }

    /** {@code targets}: the agent's model first, then its fallbacks. */
    public ModelReply call(ModelRequest request, List<ModelTarget> targets, ModelCall call, ModelStream stream,
                           Deadline deadline, SpendLimit limit)
            throws ModelUnavailableException, DeadlineExceededException, SpendLimitReachedException, InterruptedException {
        List<Duration> backoff = settings.getRetryBackoff();
        int attempts = 0;
        ModelFailure last = null;
        for (int round = 0; round <= backoff.size(); round++) {
            if (round > 0) {
                long pause = Math.min(backoff.get(round - 1).toMillis(), deadline.remainingMillis());
                LOG.warn("turn {} step {}: {} model call(s) failed, the last with {}; retrying in {} ms",
                        call.turnId(), call.step(), attempts, last.summary(), pause);
                TimeUnit.MILLISECONDS.sleep(pause);
            }
            for (int i = 0; i < targets.size(); i++) {
                ModelTarget target = targets.get(i);
                attempts++;
                try (TracedScope span = tracing.modelCall(target, call)) {
                    return tracing.replied(span, attempt(request, target, call, stream, deadline, limit));
                } catch (AttemptFailed failed) {
                    last = failed.failure;
                    if (failed.streamedText) {
                        throw new ModelUnavailableException("The language model stopped in the middle of its answer ("
                                + last.summary() + ").");
                    }
                    if (!last.retriable()) {
                        throw new ModelUnavailableException(last.userMessage(attempts));
                    }
                    if (i + 1 < targets.size()) {
                        LOG.warn("turn {} step {}: {} failed ({}); falling back to {}", call.turnId(), call.step(),
                                target, last.summary(), targets.get(i + 1));
                    }
                }
            }
        }
        throw new ModelUnavailableException(last.userMessage(attempts));
    }

    private ModelReply attempt(ModelRequest request, ModelTarget target, ModelCall call, ModelStream stream,
                               Deadline deadline, SpendLimit limit)
            throws AttemptFailed, ModelUnavailableException, DeadlineExceededException, SpendLimitReachedException,
            InterruptedException {
        deadline.check();
        ChatRequest chatRequest = providers.request(target, request);
        Attempt current = new Attempt(stream, request.reasoning(), target, limit, TokenEstimate.ofMessages(request.messages()));
        long started = System.nanoTime();
        try {
            providers.client(target).chat(chatRequest, current);
        } catch (RuntimeException e) {
            current.onError(e);
        }
        ChatResponse response;
        try {
            CompletableFuture.anyOf(current.result, deadline.cancellation(), current.overLimit)
                    .get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            if (!current.result.isDone() && current.overLimit.isDone()) {
                current.abandon();
                log.stopped(call, target, chatRequest, current.inputEstimate, current.outputEstimate(),
                        millisSince(started), "stopped: a budget was used up (tokens estimated)");
                throw new SpendLimitReachedException();
            }
            if (!current.result.isDone()) {
                current.abandon();
                log.abandoned(call, target, chatRequest, millisSince(started), "abandoned: the user stopped the turn");
                throw new DeadlineExceededException(true);
            }
            response = current.result.get();
        } catch (TimeoutException e) {
            current.abandon();
            log.abandoned(call, target, chatRequest, millisSince(started), "abandoned: the turn reached its time limit");
            throw new DeadlineExceededException();
        } catch (InterruptedException e) {
            current.abandon();
            throw e;
        } catch (ExecutionException e) {
            ModelFailure failure = ModelFailure.of(e.getCause());
            log.failed(call, target, chatRequest, millisSince(started), failure.detail());
            throw new AttemptFailed(failure, current.streamedText());
        }
        TokenUsage usage = response.tokenUsage();
        long input = tokens(usage == null ? null : usage.inputTokenCount());
        long output = tokens(usage == null ? null : usage.outputTokenCount());
        BigDecimal cost = log.succeeded(call, target, chatRequest, response.aiMessage(), input, output, millisSince(started));
        return new ModelReply(response.aiMessage(), input, output, target.provider(), target.model(), cost);
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static long tokens(Integer count) {
        return count == null ? 0 : count;
    }

    /** One model's failure to answer; whether text had already been streamed decides if another may try. */
    private static final class AttemptFailed extends Exception {
        final ModelFailure failure;
        final boolean streamedText;

        AttemptFailed(ModelFailure failure, boolean streamedText) {
            super(failure.summary(), null, false, false);
            this.failure = failure;
            this.streamedText = streamedText;
        }
    }

    /**
     * One try at a streamed answer; abandoned attempts cancel their stream and forward nothing more.
     * Streamed text and reasoning count against the spend limit; the chunk that crosses it is still
     * forwarded (it is paid for), then {@link #overLimit} completes.
     */
    private static final class Attempt implements StreamingChatResponseHandler {
        final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        final CompletableFuture<Void> overLimit = new CompletableFuture<>();
        final long inputEstimate;
        private final ModelStream stream;
        private final boolean forwardReasoning;
        private final ModelTarget target;
        private final SpendLimit limit;
        private volatile boolean abandoned;
        private volatile boolean streamed;
        private volatile long outputChars;
        private volatile StreamingHandle handle;

        Attempt(ModelStream stream, boolean forwardReasoning, ModelTarget target, SpendLimit limit, long inputEstimate) {
            this.target = target;
            this.stream = stream;
            this.forwardReasoning = forwardReasoning;
            this.limit = limit;
            this.inputEstimate = inputEstimate;
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
            stream.text(text);
            spent(text);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            handle = context.streamingHandle();
            if (abandoned) {
                handle.cancel();
                return;
            }
            onPartialThinking(partialThinking);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            String text = partialThinking.text();
            if (abandoned || text == null || text.isEmpty()) {
                return;
            }
            if (forwardReasoning) {
                stream.reasoning(text);
            }
            spent(text);
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

        long outputEstimate() {
            return TokenEstimate.ofText(outputChars);
        }

        /** Chunks of one stream arrive one after another, so the count needs no lock. */
        private void spent(String text) {
            outputChars += text.length();
            if (limit.exceededBy(target, inputEstimate, outputEstimate())) {
                abandoned = true;
                overLimit.complete(null);
            }
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
