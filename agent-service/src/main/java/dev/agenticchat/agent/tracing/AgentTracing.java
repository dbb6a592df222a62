package dev.agenticchat.agent.tracing;

import dev.agenticchat.agent.llm.ModelCall;
import dev.agenticchat.agent.llm.ModelReply;
import dev.agenticchat.agent.llm.ModelTarget;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.support.tracing.LogFields;
import dev.agenticchat.support.tracing.TracedScope;
import dev.agenticchat.support.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * A turn's spans, with the OpenTelemetry GenAI conventions: {@code invoke_agent} for the turn
 * (a child of the consumer span of its MessagePosted), {@code chat <model>} per model call with
 * provider, model and token usage, {@code execute_tool <name>} per tool call (whose HTTP calls,
 * to artifact-service say, are its children). Prompts and answers are never attributes.
 */
@Singleton
public class AgentTracing {
    private final Tracing tracing;

    AgentTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /** Work that may be interrupted, as a tool call is. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws InterruptedException;
    }

    public TracedScope turn(UUID turnId, String userId, String threadId, String agent) {
        return TracedScope.of(tracing.span("invoke_agent " + agent, SpanKind.INTERNAL)
                        .setAttribute("gen_ai.operation.name", "invoke_agent")
                        .setAttribute("gen_ai.agent.name", agent)
                        .setAttribute("agentic.turn_id", turnId.toString())
                        .setAttribute("agentic.thread_id", threadId)
                        .startSpan())
                .log(LogFields.TURN_ID, turnId)
                .log(LogFields.USER_ID, userId);
    }

    /** One attempt at one model: ends failed unless {@link #replied} saw its answer. */
    public TracedScope modelCall(ModelTarget target, ModelCall call) {
        return TracedScope.of(tracing.span("chat " + target.model(), SpanKind.CLIENT)
                        .setAttribute("gen_ai.operation.name", "chat")
                        .setAttribute("gen_ai.provider.name", target.provider())
                        .setAttribute("gen_ai.system", target.provider())
                        .setAttribute("gen_ai.request.model", target.model())
                        .setAttribute("agentic.llm.purpose", call.purpose())
                        .setAttribute("agentic.llm.step", call.step())
                        .startSpan())
                .failUnlessSucceeded();
    }

    public ModelReply replied(TracedScope span, ModelReply reply) {
        span.span().setAttribute("gen_ai.response.model", reply.model())
                .setAttribute("gen_ai.usage.input_tokens", reply.inputTokens())
                .setAttribute("gen_ai.usage.output_tokens", reply.outputTokens());
        span.succeeded();
        return reply;
    }

    public ToolOutcome tool(String name, String toolCallId, Work<ToolOutcome> call) throws InterruptedException {
        try (TracedScope span = TracedScope.of(tracing.span("execute_tool " + name, SpanKind.INTERNAL)
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .setAttribute("gen_ai.tool.name", name)
                .setAttribute("gen_ai.tool.call.id", toolCallId)
                .startSpan()).failUnlessSucceeded()) {
            ToolOutcome outcome = call.run();
            span.span().setAttribute("agentic.tool.status", outcome.status());
            if (ToolCallCompleted.FAILED.equals(outcome.status())) {
                span.span().setStatus(StatusCode.ERROR, outcome.status());
            } else {
                span.succeeded();
            }
            return outcome;
        }
    }
}
