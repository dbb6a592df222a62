package dev.agenticchat.agent.tool.seo;

import dev.agenticchat.agent.seranking.SeRankingClient;
import dev.agenticchat.agent.seranking.SeRankingException;
import dev.agenticchat.agent.seranking.SeRankingSettings;
import dev.agenticchat.agent.tool.AgentTool;
import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.agent.tool.artifact.ArtifactTools;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the SEO tools share: offered only when an SE Ranking API key is configured; SE Ranking
 * data becomes an artifact through the same creation path as the create tools, and the model
 * is told the artifact (id, type, title...) together with its content, so it can discuss the
 * figures. An SE Ranking failure becomes an error result that says what went wrong.
 */
abstract class SeoTool implements AgentTool {
    private final ToolSpecification specification;
    private final SeRankingSettings settings;
    private final ArtifactTools artifacts;
    protected final SeRankingClient seRanking;
    protected final JsonMapper json;

    SeoTool(ToolSpecification specification, SeRankingClient seRanking, SeRankingSettings settings, ArtifactTools artifacts,
            JsonMapper json) {
        this.specification = specification;
        this.seRanking = seRanking;
        this.settings = settings;
        this.artifacts = artifacts;
        this.json = json;
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public boolean offeredIn(ToolContext context) {
        return settings.configured();
    }

    @Override
    public boolean remembered() {
        return true;
    }

    @Override
    public ToolOutcome execute(@Nullable String arguments, ToolContext context) throws InterruptedException {
        try {
            return run(ToolArguments.object(json, arguments), context);
        } catch (ToolArguments.InvalidArgumentsException e) {
            return e.outcome();
        } catch (SeRankingException e) {
            return ToolOutcome.failed("Error: " + e.getMessage());
        }
    }

    abstract ToolOutcome run(JsonNode arguments, ToolContext context)
            throws ToolArguments.InvalidArgumentsException, InterruptedException;

    /** Creates the artifact; on success the model gets its summary and content. */
    ToolOutcome createArtifact(String type, Object content, ToolContext context) throws InterruptedException {
        try {
            ToolOutcome outcome = artifacts.create(type, json.writeValueToTree(content), context);
            if (outcome.artifact() == null) {
                return outcome;
            }
            Map<String, Object> output = new LinkedHashMap<>(json.readValue(outcome.output(),
                    Argument.mapOf(String.class, Object.class)));
            output.put("content", content);
            return new ToolOutcome(outcome.status(), json.writeValueAsString(output), outcome.artifact(), outcome.created());
        } catch (IOException e) {
            throw new IllegalStateException("SEO content always serialises", e);
        }
    }
}
