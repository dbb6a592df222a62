package dev.agenticchat.agent.context;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.StoredText;
import dev.agenticchat.agent.llm.Deadline;
import dev.agenticchat.agent.llm.DeadlineExceededException;
import dev.agenticchat.agent.llm.LlmSettings;
import dev.agenticchat.agent.llm.ModelCall;
import dev.agenticchat.agent.summary.SummaryWriter;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread's running summary: read it, and extend it when turns it does not cover have dropped out
 * of the window (the previous summary and the newly dropped turns, oldest first, become the new
 * summary). The extension is one model call through {@link SummaryWriter} (the request log's
 * purpose {@code context}, step 1, on the turn and its agent), made before the turn's first call
 * and bounded by the turn's deadline; its answer is cut to {@code agent.context.summary-max-tokens}.
 * A failed extension leaves the stored summary as it was (the turn goes on with it, or without
 * one) and the next turn tries again.
 */
@Singleton
public class RunningSummaryService {
    private static final Logger LOG = LoggerFactory.getLogger(RunningSummaryService.class);
    static final String EARLIER = "The summary of the conversation before the messages that follow: ";

    private final RunningSummaryRepository summaries;
    private final SummaryWriter writer;
    private final ContextSettings settings;
    private final String model;
    private final ExecutorService calls;

    RunningSummaryService(RunningSummaryRepository summaries, SummaryWriter writer, ContextSettings settings,
                          LlmSettings llm) {
        this.summaries = summaries;
        this.writer = writer;
        this.settings = settings;
        this.model = llm.getModel();
        AtomicInteger count = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "context-summary-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One query, outside any transaction: a turn asks before its first model call. */
    @Connectable
    public Optional<RunningSummary> current(String threadId, String tenantId, String userId) {
        return summaries.find(threadId, tenantId, userId);
    }

    /**
     * The summary extended by {@code dropped} (oldest first, none of them covered by {@code previous}),
     * stored; on failure {@code previous} as it was. A stop or the deadline ends the wait for the model.
     */
    public Optional<RunningSummary> extend(ModelCall call, @Nullable RunningSummary previous, List<WindowTurn> dropped,
                                           TokenCounter counter, Deadline deadline)
            throws DeadlineExceededException, InterruptedException {
        deadline.check();
        String text;
        try {
            text = counter.truncate(StoredText.of(summarize(call, previous, dropped, deadline)), settings.getSummaryMaxTokens());
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.warn("turn {}: the running summary of thread {} could not be extended ({}); answering {}", call.turnId(),
                    call.threadId(), e.toString(), previous == null ? "without one" : "with the one it had");
            return Optional.ofNullable(previous);
        }
        WindowTurn newest = dropped.get(dropped.size() - 1);
        RunningSummary extended = new RunningSummary(call.threadId(), call.tenantId(), call.userId(), text,
                counter.text(text), newest.startedAt(), newest.id(),
                (previous == null ? 0 : previous.coveredTurns()) + dropped.size(), model,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            if (!store(extended)) {
                LOG.info("turn {}: thread {} already has a summary covering as much; using it", call.turnId(),
                        call.threadId());
                return current(call.threadId(), call.tenantId(), call.userId());
            }
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.warn("turn {}: could not store the running summary of thread {} ({}); using it for this turn only",
                    call.turnId(), call.threadId(), e.toString());
        }
        return Optional.of(extended);
    }

    @Transactional
    boolean store(RunningSummary summary) {
        return summaries.save(summary);
    }

    private String summarize(ModelCall call, @Nullable RunningSummary previous, List<WindowTurn> dropped,
                             Deadline deadline) throws DeadlineExceededException, InterruptedException {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(settings.getSummaryPrompt()));
        if (previous != null) {
            messages.add(SystemMessage.from(EARLIER + previous.summary()));
        }
        for (WindowTurn turn : dropped) {
            messages.add(UserMessage.from(turn.question()));
            if (turn.answer() != null && !turn.answer().isBlank()) {
                messages.add(AiMessage.from(turn.answer()));
            }
        }
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(
                () -> writer.summarize(call, messages, settings.getSummaryMaxTokens()), calls);
        try {
            CompletableFuture.anyOf(answer, deadline.cancellation()).get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new DeadlineExceededException();
        } catch (ExecutionException e) {
            // The answer's own failure: read below.
        }
        if (deadline.isCancelled()) {
            answer.cancel(true);
            throw new DeadlineExceededException(true);
        }
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
    }
}
