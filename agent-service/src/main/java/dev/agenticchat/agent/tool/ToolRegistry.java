package dev.agenticchat.agent.tool;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The tools offered to the model, and their execution; every call is recorded in {@code tool_calls}. */
@Singleton
public class ToolRegistry {
    private final List<ToolSpecification> specifications;
    private final ArtifactTools artifacts;
    private final ToolCallRepository calls;

    ToolRegistry(JsonMapper json, ArtifactTools artifacts, ToolCallRepository calls) {
        this.specifications = ArtifactToolSpecifications.all(json);
        this.artifacts = artifacts;
        this.calls = calls;
    }

    public List<ToolSpecification> specifications() {
        return specifications;
    }

    /** Throws InterruptedException, recording nothing, when the worker is interrupted meanwhile. */
    public ToolOutcome execute(ToolExecutionRequest call, String toolCallId, ToolContext context) throws InterruptedException {
        long started = System.nanoTime();
        String type = call.name() == null ? null : ArtifactTypes.typeOfTool(call.name());
        ToolOutcome outcome = type != null
                ? artifacts.create(type, call.arguments(), context)
                : ToolOutcome.failed("Error: there is no tool named " + call.name() + ".");
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        calls.save(new ToolCall(UUID.randomUUID(), context.turnId(), toolCallId, String.valueOf(call.name()),
                StoredText.of(call.arguments() == null ? "" : call.arguments()), StoredText.of(outcome.output()),
                outcome.status(), latencyMs, Instant.now()));
        return outcome;
    }
}
