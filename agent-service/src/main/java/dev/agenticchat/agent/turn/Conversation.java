package dev.agenticchat.agent.turn;

import dev.agenticchat.agent.agents.AgentVersion;
import dev.agenticchat.agent.context.ContextSettings;
import dev.agenticchat.agent.context.ContextWindow;
import dev.agenticchat.agent.context.RunningSummary;
import dev.agenticchat.agent.context.RunningSummaryService;
import dev.agenticchat.agent.context.TokenCounter;
import dev.agenticchat.agent.context.Tokenizers;
import dev.agenticchat.agent.context.WindowTurn;
import dev.agenticchat.agent.llm.Deadline;
import dev.agenticchat.agent.llm.DeadlineExceededException;
import dev.agenticchat.agent.llm.ModelCall;
import dev.agenticchat.agent.tool.ToolHistory;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the model is told at the start of a turn, within its agent's prompt token budget
 * ({@code context_tokens}, else {@code agent.context.default-tokens}), counted with the tokenizer
 * of the agent's model ({@link Tokenizers}): the persona, the user's new message as the turn built
 * it (its text and attached files) and the tools offered always go in; then the thread so far, whole
 * turns newest first while they fit (each turn: the question, the artifact tool calls it made with
 * their results, the answer; replaying the artifact calls tells the model which artifacts exist, so
 * "change the chart" can name the artifact to update). Turns that no longer fit are covered by the
 * thread's running summary, a system message after the persona, extended first when turns it does
 * not cover have just dropped out ({@link RunningSummaryService}). Earlier turns are read a page at
 * a time, never more than {@code agent.context.max-turns} of them.
 */
@Singleton
class Conversation {
    private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);
    static final String SUMMARY_PREFIX = "Summary of the earlier conversation: ";

    private final TurnRepository turns;
    private final ContextSettings settings;
    private final ToolHistory toolHistory;
    private final Tokenizers tokenizers;
    private final RunningSummaryService summaries;

    Conversation(TurnRepository turns, ContextSettings settings, ToolHistory toolHistory, Tokenizers tokenizers,
                 RunningSummaryService summaries) {
        this.turns = turns;
        this.settings = settings;
        this.toolHistory = toolHistory;
        this.tokenizers = tokenizers;
        this.summaries = summaries;
    }

    /** The prompt a turn starts from, with the budget it was fitted to and the counter that fitted it. */
    record Start(List<ChatMessage> messages, int budgetTokens, int countedTokens, TokenCounter counter) {
    }

    /** {@code current}: the turn's user message; {@code offered}: the tools the model is offered. */
    Start startOf(Turn turn, AgentVersion agent, UserMessage current, List<ToolSpecification> offered, Deadline deadline)
            throws DeadlineExceededException, InterruptedException {
        TokenCounter counter = tokenizers.forModel(agent.model());
        int budget = agent.contextTokens() == null ? settings.getDefaultTokens() : agent.contextTokens();
        SystemMessage persona = SystemMessage.from(agent.systemPrompt());
        int available = budget - counter.prompt(List.of(persona, current), offered);
        // A few tokens over prefix plus text: the two may tokenize differently where they meet.
        int summaryReserve = counter.message(SystemMessage.from(SUMMARY_PREFIX)) + settings.getSummaryMaxTokens() + 4;
        Optional<RunningSummary> stored = summaries.current(turn.threadId(), turn.tenantId(), turn.userId());

        Earlier earlier = read(turn, counter, available, stored.orElse(null));
        ContextWindow window = ContextWindow.select(earlier.tokensNewestFirst(), earlier.wholeThread, available,
                summaryReserve);
        List<WindowTurn> kept = earlier.turns.subList(0, window.kept());
        Optional<RunningSummary> summary = Optional.empty();
        if (window.needsSummary()) {
            List<WindowTurn> uncovered = uncovered(earlier.turns.subList(window.kept(), earlier.turns.size()),
                    stored.orElse(null), counter);
            summary = uncovered.isEmpty() ? stored
                    : summaries.extend(ModelCall.contextSummary(turn.tenantId(), turn.userId(), turn.threadId(), turn.id(),
                            agent.agentId(), agent.slug(), agent.version()), stored.orElse(null), uncovered, counter, deadline);
        }

        List<ChatMessage> messages = new ArrayList<>();
        messages.add(persona);
        summary.ifPresent(s -> messages.add(SystemMessage.from(SUMMARY_PREFIX
                + counter.truncate(s.summary(), settings.getSummaryMaxTokens()))));
        for (int i = kept.size() - 1; i >= 0; i--) {
            messages.addAll(kept.get(i).messages());
        }
        messages.add(current);
        int counted = counter.prompt(messages, offered);
        if (counted > budget) {
            LOG.warn("turn {}: persona, message and tools alone take {} tokens, over the agent's budget of {}", turn.id(),
                    counted, budget);
        }
        LOG.debug("turn {}: {} of {} earlier turns verbatim{}, {} of {} tokens ({})", turn.id(), kept.size(),
                earlier.turns.size(), summary.isPresent() ? " and the summary" : "", counted, budget, counter.encoding());
        return new Start(messages, budget, counted, counter);
    }

    /** The earlier turns read, newest first, and whether they are the whole thread. */
    private record Earlier(List<WindowTurn> turns, boolean wholeThread) {
        List<Integer> tokensNewestFirst() {
            return turns.stream().map(WindowTurn::tokens).toList();
        }
    }

    /**
     * Reads pages of earlier turns, newest first, until the window is overrun and what dropped out
     * reaches back to the summary's coverage (or fills one extension), the thread's start, or the cap.
     */
    private Earlier read(Turn turn, TokenCounter counter, int available, @Nullable RunningSummary stored) {
        List<WindowTurn> read = new ArrayList<>();
        Instant beforeStartedAt = turn.startedAt();
        UUID beforeId = turn.id();
        long used = 0;
        long droppedUncovered = 0;
        boolean reachedCoverage = false;
        while (read.size() < settings.getMaxTurns()) {
            int limit = Math.min(settings.getPageTurns(), settings.getMaxTurns() - read.size());
            List<Turn> page = turns.findCompletedBefore(turn.threadId(), turn.tenantId(), turn.userId(), beforeStartedAt,
                    beforeId, limit);
            Map<UUID, List<ChatMessage>> toolCalls = toolHistory.replayOf(page.stream().map(Turn::id).toList());
            for (Turn previous : page) {
                WindowTurn candidate = windowTurn(previous, toolCalls.getOrDefault(previous.id(), List.of()), counter);
                read.add(candidate);
                used += candidate.tokens();
                if (used > available) {
                    if (candidate.isCoveredBy(stored)) {
                        reachedCoverage = true;
                    } else {
                        droppedUncovered += candidate.tokens();
                    }
                }
            }
            if (page.size() < limit) {
                return new Earlier(read, true);
            }
            if (used > available && (reachedCoverage || droppedUncovered >= settings.getSummaryInputTokens())) {
                return new Earlier(read, false);
            }
            Turn oldest = page.get(page.size() - 1);
            beforeStartedAt = oldest.startedAt();
            beforeId = oldest.id();
        }
        return new Earlier(read, false);
    }

    /**
     * The dropped turns the summary does not cover yet, oldest first: the newest of them that one
     * extension reads ({@code agent.context.summary-input-tokens} of question and answer).
     */
    private List<WindowTurn> uncovered(List<WindowTurn> droppedNewestFirst, @Nullable RunningSummary stored,
                                       TokenCounter counter) {
        List<WindowTurn> uncovered = new ArrayList<>();
        long tokens = 0;
        for (WindowTurn dropped : droppedNewestFirst) {
            if (dropped.isCoveredBy(stored)) {
                break;
            }
            tokens += counter.text(dropped.question()) + counter.text(dropped.answer());
            if (tokens > settings.getSummaryInputTokens() && !uncovered.isEmpty()) {
                break;
            }
            uncovered.add(0, dropped);
        }
        return uncovered;
    }

    private static WindowTurn windowTurn(Turn turn, List<ChatMessage> toolCalls, TokenCounter counter) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(UserMessage.from(turn.promptContent()));
        messages.addAll(toolCalls);
        if (turn.assistantContent() != null && !turn.assistantContent().isBlank()) {
            messages.add(AiMessage.from(turn.assistantContent()));
        }
        return new WindowTurn(turn.id(), turn.startedAt(), turn.promptContent(), turn.assistantContent(),
                List.copyOf(messages), counter.messages(messages));
    }
}
