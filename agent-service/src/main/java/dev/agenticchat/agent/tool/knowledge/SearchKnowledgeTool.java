package dev.agenticchat.agent.tool.knowledge;

import dev.agenticchat.agent.tool.AgentTool;
import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code search_knowledge}: hybrid search over the knowledge bases of the turn's thread,
 * offered only when the thread has some. Each knowledge base is searched in turn (a thread
 * has a handful; the calls are short), the hits are merged by score, a chunk found twice
 * counts once, and the best {@code top_k} go back to the model as numbered passages
 * {@code [n] <title>, p.<page>: <text>} that it cites by number. Every passage shown becomes a
 * citation candidate of the turn ({@link Citations}). When retrieval-service cannot be
 * reached the model is told so and the turn goes on without the knowledge.
 */
@Singleton
class SearchKnowledgeTool implements AgentTool {
    static final String NAME = "search_knowledge";
    private static final Logger LOG = LoggerFactory.getLogger(SearchKnowledgeTool.class);
    private static final int MAX_QUERY = 1000;
    private static final int MAX_TOP_K = 20;
    private static final int DEFAULT_TOP_K = 5;

    private final RetrievalClient retrieval;
    private final Citations citations;
    private final JsonMapper json;
    private final ToolSpecification specification = ToolSpecification.builder()
            .name(NAME)
            .description("Searches the documents the user uploaded to this conversation's knowledge bases and returns "
                    + "the most relevant passages, numbered [1], [2], ... Use it for questions the documents may answer; "
                    + "cite the passages you rely on by their number, e.g. [1].")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("query", JsonRawSchema.from("""
                            {"type":"string","minLength":1,"maxLength":1000,"description":"What to look for, in natural language."}"""))
                    .addProperty("top_k", JsonRawSchema.from("""
                            {"type":"integer","minimum":1,"maximum":20,"default":5,"description":"How many passages to return."}"""))
                    .required("query")
                    .additionalProperties(false)
                    .build())
            .build();

    SearchKnowledgeTool(RetrievalClient retrieval, Citations citations, JsonMapper json) {
        this.retrieval = retrieval;
        this.citations = citations;
        this.json = json;
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public boolean offeredIn(ToolContext context) {
        return !context.knowledgeBaseIds().isEmpty();
    }

    @Override
    public ToolOutcome execute(@Nullable String arguments, ToolContext context) throws InterruptedException {
        String query;
        int topK;
        try {
            JsonNode parsed = ToolArguments.object(json, arguments);
            query = query(parsed);
            topK = topK(parsed);
        } catch (ToolArguments.InvalidArgumentsException e) {
            return e.outcome();
        }
        Map<String, Passage> byChunk = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String knowledgeBase : context.knowledgeBaseIds()) {
            try {
                Optional<List<Passage>> hits = retrieval.search(knowledgeBase, query, topK, context);
                hits.orElse(List.of()).forEach(hit -> byChunk.merge(hit.chunkId(), hit,
                        (kept, other) -> other.score() > kept.score() ? other : kept));
            } catch (RetrievalClient.RetrievalUnavailableException e) {
                LOG.warn("turn {}: knowledge base {} could not be searched: {}", context.turnId(), knowledgeBase, e.getMessage());
                failures.add(e.getMessage());
            }
        }
        if (failures.size() == context.knowledgeBaseIds().size()) {
            return ToolOutcome.failed("Error: the knowledge search is unavailable right now (" + failures.get(0)
                    + "). Answer without the documents and tell the user they could not be searched.");
        }
        List<Passage> best = byChunk.values().stream()
                .sorted(Comparator.comparingDouble(Passage::score).reversed())
                .limit(topK)
                .toList();
        if (best.isEmpty()) {
            return ToolOutcome.completed("No passage of the uploaded documents matches \"" + query + "\".");
        }
        StringBuilder output = new StringBuilder();
        // In number order: a search repeated in the turn (or in a rerun) shows known passages under their first number.
        List<TurnCitation> numbered = citations.number(context.turnId(), best).stream()
                .sorted(Comparator.comparingInt(TurnCitation::number))
                .toList();
        for (TurnCitation passage : numbered) {
            if (!output.isEmpty()) {
                output.append("\n\n");
            }
            output.append('[').append(passage.number()).append("] ").append(passage.title().isBlank() ? "Untitled" : passage.title());
            if (passage.page() != null) {
                output.append(", p.").append(passage.page());
            }
            output.append(": ").append(passage.passage().strip());
        }
        if (!failures.isEmpty()) {
            output.append("\n\n(Some knowledge bases could not be searched: ").append(failures.get(0)).append(".)");
        }
        return ToolOutcome.completed(output.toString());
    }

    private static String query(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        String query = ToolArguments.string(arguments, "query");
        if (query == null || query.isBlank() || query.length() > MAX_QUERY) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: query must be a string of 1 to " + MAX_QUERY + " characters.");
        }
        return query.strip();
    }

    private static int topK(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        JsonNode value = arguments.get("top_k");
        if (value == null || value.isNull()) {
            return DEFAULT_TOP_K;
        }
        if (!value.isNumber() || value.getNumberValue().doubleValue() != Math.rint(value.getNumberValue().doubleValue())
                || value.getIntValue() < 1 || value.getIntValue() > MAX_TOP_K) {
            throw new ToolArguments.InvalidArgumentsException("Error: top_k must be an integer from 1 to " + MAX_TOP_K + ".");
        }
        return value.getIntValue();
    }
}
