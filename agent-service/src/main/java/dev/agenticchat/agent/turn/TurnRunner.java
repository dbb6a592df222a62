package dev.agenticchat.agent.turn;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.agents.AgentService;
import dev.agenticchat.agent.attachment.AttachedFiles;
import dev.agenticchat.agent.agents.AgentVersion;
import dev.agenticchat.agent.agents.Fallback;
import dev.agenticchat.agent.credentials.CredentialService;
import dev.agenticchat.agent.credentials.CredentialUnreadableException;
import dev.agenticchat.agent.budgets.BudgetExceededException;
import dev.agenticchat.agent.budgets.BudgetService;
import dev.agenticchat.agent.budgets.TurnBudget;
import dev.agenticchat.agent.llm.Deadline;
import dev.agenticchat.agent.llm.DeadlineExceededException;
import dev.agenticchat.agent.llm.ModelCall;
import dev.agenticchat.agent.llm.ModelReply;
import dev.agenticchat.agent.llm.ModelRequest;
import dev.agenticchat.agent.llm.ModelTarget;
import dev.agenticchat.agent.llm.ModelUnavailableException;
import dev.agenticchat.agent.llm.SpendLimitReachedException;
import dev.agenticchat.agent.llm.StreamingModel;
import dev.agenticchat.agent.metrics.AgentMetrics;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.agent.tool.ToolRegistry;
import dev.agenticchat.agent.tool.TurnTools;
import dev.agenticchat.agent.tool.knowledge.Citations;
import dev.agenticchat.agent.tracing.AgentTracing;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.tracing.TracedScope;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a user message: the streaming tool loop. The model is called with the
 * conversation and the tools; each tool it asks for is run and its result added to the
 * conversation, until the model answers without tools or the step limit is reached. Text
 * and tool progress are streamed as ephemeral events; the turn's budgets are checked before its
 * first model call (the running summary's, when the context window needs one extended, or its first
 * step), after each one and while it streams. Each step's request log row keeps the prompt token
 * budget and the prompt's counted tokens (the window is fitted to the budget at the start; tool
 * results added during the turn come on top). The turn ends with TurnCompleted or
 * TurnFailed, written together with the turn's final state and then published after them
 * through the same producer ({@link TurnEndPublisher}).
 */
@Singleton
public class TurnRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);
    private static final String COULD_NOT_STORE = "The agent finished but could not store the answer.";

    private final TurnService turns;
    private final Conversation conversation;
    private final StreamingModel model;
    private final ToolRegistry tools;
    private final TurnEvents events;
    private final TurnEndPublisher ends;
    private final TurnSettings settings;
    private final LeaseKeeper leases;
    private final RunningTurns running;
    private final Citations citations;
    private final AgentService agents;
    private final CredentialService credentials;
    private final BudgetService budgets;
    private final AttachedFiles attachedFiles;
    private final AgentTracing tracing;
    private final AgentMetrics metrics;

    TurnRunner(TurnService turns, Conversation conversation, StreamingModel model, ToolRegistry tools, TurnEvents events,
               TurnEndPublisher ends, TurnSettings settings, LeaseKeeper leases, RunningTurns running,
               Citations citations, AgentService agents, CredentialService credentials, BudgetService budgets,
               AttachedFiles attachedFiles, AgentTracing tracing, AgentMetrics metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.attachedFiles = attachedFiles;
        this.agents = agents;
        this.credentials = credentials;
        this.budgets = budgets;
        this.citations = citations;
        this.leases = leases;
        this.running = running;
        this.turns = turns;
        this.conversation = conversation;
        this.model = model;
        this.tools = tools;
        this.events = events;
        this.ends = ends;
        this.settings = settings;
    }

    /**
     * Runs the turn of a message unless it already ended. Interruption (shutdown) leaves the
     * turn {@code running}: the message is redelivered and the turn runs again. Anything else
     * ends the turn here: a redelivery would repeat its model and tool calls.
     */
    public void answer(MessagePosted message) throws InterruptedException {
        Turn turn = claim(message);
        if (turn == null) {
            LOG.info("message {} of thread {} was already answered; redelivery ignored", message.messageId(),
                    message.threadId());
            return;
        }
        Deadline deadline = Deadline.after(settings.getTimeout());
        // Losing the lease means another worker took the turn over: stop this run (it may not end the turn).
        try (LeaseKeeper.Renewal lease = leases.keep(turn, deadline::cancel);
             TracedScope traced = tracing.turn(turn.id(), turn.userId(), turn.threadId(), message.agent())) {
            run(turn, message, deadline);
        } catch (InterruptedException e) {
            leases.release(turn);
            throw e;
        }
    }

    /**
     * The turn to run, or null if it ended; waits while another live worker holds it. An ended
     * turn whose end event Kafka never acknowledged (its worker died in between) has it
     * published now, before the thread's next message is answered.
     */
    private Turn claim(MessagePosted message) throws InterruptedException {
        while (true) {
            Claim claim = turns.claim(message, leases.worker, settings.getLease());
            if (claim.ended()) {
                Turn ended = claim.turn();
                if (ended.hasUnpublishedEnd()) {
                    LOG.info("turn {} ended without Kafka acknowledging its end event {}; publishing it again",
                            ended.id(), ended.endEventId());
                    ends.publish(TurnEnd.stored(ends.source(), ended));
                }
                return null;
            }
            if (claim.turn() != null) {
                return claim.turn();
            }
            long untilExpiry = claim.heldUntil() == null ? 0 : Duration.between(Instant.now(), claim.heldUntil()).toMillis();
            LOG.info("message {}: its turn runs on another worker; waiting for it to end or its lease to expire",
                    message.messageId());
            TimeUnit.MILLISECONDS.sleep(Math.max(200, Math.min(untilExpiry, 2_000)));
        }
    }

    private void run(Turn turn, MessagePosted message, Deadline deadline) throws InterruptedException {
        String agentSlug = message.agent();
        Optional<AgentVersion> agent = agents.forTurn(turn.tenantId(), agentSlug);
        long started = System.nanoTime();
        TurnStream stream = events.open(turn.id(), turn.tenantId(), turn.userId(), turn.threadId());
        stream.started(turn.messageId(), agent.map(AgentVersion::model).orElse(model.modelName()));
        LOG.info("turn {} started for message {} of thread {}", turn.id(), turn.messageId(), turn.threadId());
        Progress progress = new Progress();
        TurnFailure failure = null;
        try {
            if (agent.isEmpty()) {
                throw new TurnFailure(TurnFailed.AGENT_UNAVAILABLE, "This conversation's agent (" + agentSlug
                        + ") is no longer available: the administrators disabled or deleted it. Start a new conversation.");
            }
            loop(turn, agent.get(), message, stream, progress, deadline);
        } catch (TurnFailure e) {
            failure = e;
        }
        String outcome = failure == null ? "completed" : "failed (" + failure.code + ")";
        Optional<TurnEnd> end;
        try {
            String content = stream.finish();
            end = failure == null
                    ? turns.complete(turn, leases.worker, content, progress.usage, progress.artifactIds,
                            citations.forAnswer(turn.id(), content))
                    : turns.fail(turn, leases.worker, content, failure.code, failure.getMessage(), progress.usage);
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.error("turn {}: could not store its end ({}); failing it instead", turn.id(), outcome, e);
            end = failSurely(turn, progress.usage);
            outcome = "failed (" + TurnFailed.INTERNAL + ", answer not stored)";
        }
        if (end.isPresent()) {
            ends.publish(end.get());
            metrics.turnEnded(agentSlug, failure == null ? "completed" : failure.code, started, stream.firstTextAt());
        }
        LOG.info("turn {} of thread {} {} in {} ms: {} model calls, {} tool calls", turn.id(), turn.threadId(),
                end.isPresent() ? outcome : "already ended elsewhere",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), progress.usage.llmCalls(), progress.toolCalls);
    }

    /**
     * Ends the turn as failed, retrying until the database takes it: returning without an end
     * would get the message redelivered and the whole turn run again.
     */
    private Optional<TurnEnd> failSurely(Turn turn, TurnService.Usage usage) throws InterruptedException {
        long backoff = 500;
        while (true) {
            try {
                return turns.fail(turn, leases.worker, null, TurnFailed.INTERNAL, COULD_NOT_STORE, usage);
            } catch (RuntimeException e) {
                Interruptions.propagate(e);
                LOG.warn("turn {}: could not store its failure either, retrying in {} ms: {}", turn.id(), backoff, e.toString());
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void loop(Turn turn, AgentVersion agent, MessagePosted message, TurnStream stream, Progress progress,
                      Deadline deadline)
            throws TurnFailure, InterruptedException {
        ToolContext toolContext = new ToolContext(turn.id(), turn.threadId(), turn.tenantId(), turn.userId(),
                searchable(message.knowledgeBases(), agent), agent.tools(), agent.mcpServers(), deadline);
        TurnBudget budget = budgets.forTurn(turn.tenantId(), turn.userId(), agent.agentId());
        try (RunningTurns.Registration registration = running.register(turn, deadline)) {
            // Inside the registration: listing the agent's MCP servers' tools waits on the network, and a stop ends it.
            TurnTools turnTools = tools.forTurn(toolContext);
            List<ToolSpecification> offered = turnTools.specifications();
            List<ModelTarget> targets = targets(agent);
            budget.check();
            Conversation.Start start = conversation.startOf(turn, agent, userMessage(turn, agent, message), offered,
                    deadline);
            List<ChatMessage> messages = start.messages();
            for (int step = 1; step <= settings.getMaxSteps(); step++) {
                stream.newStep();
                ModelRequest request = new ModelRequest(messages, offered, agent.temperature(), agent.maxOutputTokens(),
                        agent.reasoning());
                int counted = step == 1 ? start.countedTokens() : start.counter().prompt(messages, offered);
                ModelCall modelCall = ModelCall.turnStep(turn.tenantId(), turn.userId(), turn.threadId(), turn.id(), step,
                        agent.agentId(), agent.slug(), agent.version(),
                        new ModelCall.PromptWindow(start.budgetTokens(), counted));
                ModelReply reply = model.call(request, targets, modelCall, stream, deadline, budget.allowance());
                progress.usage = progress.usage.plus(reply.inputTokens(), reply.outputTokens(), reply.cost());
                budget.refresh();
                AiMessage answer = reply.message();
                if (!answer.hasToolExecutionRequests()) {
                    return;
                }
                if (step == settings.getMaxSteps()) {
                    break;
                }
                budget.requireWithin();
                messages.add(answer);
                List<ToolExecutionRequest> calls = answer.toolExecutionRequests();
                for (int i = 0; i < calls.size(); i++) {
                    deadline.check();
                    ToolExecutionRequest call = calls.get(i);
                    String toolCallId = call.id() != null && !call.id().isBlank()
                            ? call.id() : "call_" + turn.id() + "_" + step + "_" + i;
                    String toolName = String.valueOf(call.name());
                    stream.toolCallStarted(toolCallId, toolName, call.arguments() == null ? "" : call.arguments());
                    int position = i;
                    int atStep = step;
                    ToolOutcome result = tracing.tool(toolName, toolCallId, () -> turnTools.execute(call, toolCallId, atStep, position));
                    stream.toolCallCompleted(toolCallId, toolName, result.status(), result.output(), result.artifact());
                    progress.toolCalls++;
                    if (result.createdArtifactId() != null) {
                        progress.artifactIds.add(result.createdArtifactId());
                    }
                    messages.add(ToolExecutionResultMessage.from(toolCallId, toolName, result.output()));
                }
            }
        } catch (ModelUnavailableException e) {
            throw new TurnFailure(TurnFailed.LLM_UNAVAILABLE, e.getMessage());
        } catch (BudgetExceededException e) {
            throw budgetStopped(turn, agent, e.getMessage());
        } catch (SpendLimitReachedException e) {
            throw budgetStopped(turn, agent, budget.stoppedMidStream().getMessage());
        } catch (DeadlineExceededException e) {
            if (e.cancelled()) {
                throw new TurnFailure(TurnFailed.CANCELLED, "Stopped at your request.");
            }
            throw new TurnFailure(TurnFailed.TIMEOUT, "The answer took longer than the limit of "
                    + settings.getTimeout().toSeconds() + " seconds and was stopped.");
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.error("turn {} failed unexpectedly", turn.id(), e);
            throw new TurnFailure(TurnFailed.INTERNAL, "The agent hit an unexpected error and could not finish the answer.");
        }
        throw new TurnFailure(TurnFailed.TOO_MANY_STEPS, "The agent stopped after " + settings.getMaxSteps()
                + " model calls without reaching an answer.");
    }

    /** The user's words with what is attached to them, which later turns replay. */
    private UserMessage userMessage(Turn turn, AgentVersion agent, MessagePosted message) throws InterruptedException {
        AttachedFiles.Prepared prepared = attachedFiles.messageOf(turn.userContent(), message.attachedFiles(), agent.model(),
                turn.tenantId(), turn.userId());
        if (prepared.context() != null) {
            turns.noteAttachedContext(turn, prepared.context());
        }
        return prepared.message();
    }

    private TurnFailure budgetStopped(Turn turn, AgentVersion agent, String message) throws InterruptedException {
        try {
            budgets.recordStopped(turn.tenantId(), turn.userId(), agent.agentId(), agent.slug(), turn.threadId(), turn.id(),
                    message);
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            LOG.warn("turn {}: could not note its budget stop in the audit log: {}", turn.id(), e.toString());
        }
        return new TurnFailure(TurnFailed.BUDGET_EXCEEDED, message);
    }

    /** The thread's knowledge bases, then the agent's own (the tenant's that every thread of the agent searches). */
    private static List<String> searchable(List<String> threadKnowledgeBases, AgentVersion agent) {
        List<String> ids = new ArrayList<>(threadKnowledgeBases);
        agent.knowledgeBaseIds().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    /**
     * The agent's model (at the agent's own prices), then its fallbacks in order (at the price
     * table's), each with the API key of its provider that the agent or its tenant set (none: the
     * operator's).
     */
    private List<ModelTarget> targets(AgentVersion agent) throws TurnFailure {
        Map<String, Optional<String>> keys = new HashMap<>();
        List<ModelTarget> targets = new ArrayList<>();
        try {
            targets.add(new ModelTarget(agent.provider(), agent.model(), apiKey(agent, agent.provider(), keys))
                    .pricedAt(agent.inputPricePerThousandTokens(), agent.outputPricePerThousandTokens()));
            for (Fallback fallback : agent.fallbacks()) {
                targets.add(new ModelTarget(fallback.provider(), fallback.model(), apiKey(agent, fallback.provider(), keys)));
            }
        } catch (CredentialUnreadableException e) {
            throw new TurnFailure(TurnFailed.LLM_UNAVAILABLE, "The agent's provider credential cannot be used ("
                    + e.getMessage() + "); a tenant admin must set it again.");
        }
        return targets;
    }

    @Nullable
    private String apiKey(AgentVersion agent, String provider, Map<String, Optional<String>> keys) {
        return keys.computeIfAbsent(provider, p -> credentials.apiKeyFor(agent.tenantId(), agent.agentId(), p)).orElse(null);
    }

    /** What a turn has spent and produced so far. */
    private static final class Progress {
        TurnService.Usage usage = TurnService.Usage.NONE;
        final List<String> artifactIds = new ArrayList<>();
        int toolCalls;
    }

    /** Ends the turn with TurnFailed; the message is for the user. */
    private static final class TurnFailure extends Exception {
        final String code;

        TurnFailure(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
