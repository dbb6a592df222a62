package dev.agenticchat.agent.tool.artifact;

import dev.agenticchat.agent.tool.AgentTool;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.List;

/** One {@code create_<type>_artifact} tool per artifact type of the contracts, in their order. */
@Singleton
public class CreateArtifactTools {
    private final List<AgentTool> tools;

    CreateArtifactTools(ArtifactTools artifacts, JsonMapper json) {
        this.tools = ArtifactTypes.NAMES.stream()
                .<AgentTool>map(type -> new CreateTool(type, ArtifactToolSpecifications.of(type, json), artifacts))
                .toList();
    }

    public List<AgentTool> tools() {
        return tools;
    }

    private record CreateTool(String type, ToolSpecification specification, ArtifactTools artifacts) implements AgentTool {
        @Override
        public boolean remembered() {
            return true;
        }

        @Override
        public ToolOutcome execute(@Nullable String arguments, ToolContext context) throws InterruptedException {
            return artifacts.create(type, arguments, context);
        }
    }
}
