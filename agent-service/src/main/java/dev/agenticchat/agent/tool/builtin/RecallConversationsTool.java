package dev.agenticchat.agent.tool.builtin;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code recall_conversations}: finds what the user discussed before, in any of their threads
 * (earlier turns of this one included), by full-text search over their completed turns. Only
 * the calling user's own turns in their tenant are searched, never another user's, and never
 * the running turn. Each match names its thread, the user's message id and the answer's, its
 * date and the matching parts of question and answer, so the model can quote and date it.
 */
@Singleton
class RecallConversationsTool implements AgentTool {
    static final String NAME = "recall_conversations";
    static final int MAX_QUERY = 500;
    static final int MAX_LIMIT = 10;
    private static final int DEFAULT_LIMIT = 5;
    private static final int MAX_WORDS = 32;
    private static final int MAX_SNIPPET = 600;
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final PastTurnRepository turns;
    private final JsonMapper json;
    private final ToolSpecification specification = ToolSpecification.builder()
            .name(NAME)
            .description("Searches the user's own earlier conversations with you (all their threads, earlier messages of "
                    + "this one included) and returns the best matching exchanges, each with its date, the ids of the "
                    + "user's message and of your answer, and the matching parts of both. Use it when the user refers to "
                    + "something discussed before (\"what did you tell me about...\", \"like last time\").")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("query", JsonRawSchema.from("""
                            {"type":"string","minLength":1,"maxLength":500,"description":"Words to look for, e.g. refund policy invoice."}"""))
                    .addProperty("limit", JsonRawSchema.from("""
                            {"type":"integer","minimum":1,"maximum":10,"default":5,"description":"How many exchanges to return."}"""))
                    .required("query")
                    .additionalProperties(false)
                    .build())
            .build();

    RecallConversationsTool(PastTurnRepository turns, JsonMapper json) {
        this.turns = turns;
        this.json = json;
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public ToolOutcome execute(@Nullable String arguments, ToolContext context) {
        String query;
        List<String> words;
        int limit;
        try {
            JsonNode parsed = ToolArguments.object(json, arguments);
            query = query(parsed);
            words = words(query);
            limit = limit(parsed);
        } catch (ToolArguments.InvalidArgumentsException e) {
            return e.outcome();
        }
        List<PastTurn> found = turns.search(context.tenantId(), context.userId(), context.turnId(), words, limit);
        if (found.isEmpty()) {
            return ToolOutcome.completed("No earlier conversation of this user matches \"" + query + "\".");
        }
        List<Map<String, Object>> matches = new ArrayList<>();
        for (PastTurn turn : found) {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("thread_id", turn.threadId());
            match.put("this_conversation", turn.threadId().equals(context.threadId()));
            match.put("message_id", turn.messageId());
            match.put("assistant_message_id", turn.assistantMessageId());
            match.put("date", turn.startedAt().toString());
            match.put("question", snippet(turn.question()));
            match.put("answer", snippet(turn.answer()));
            matches.add(match);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("query", query);
        output.put("matches", matches);
        try {
            return ToolOutcome.completed(json.writeValueAsString(output));
        } catch (IOException e) {
            throw new UncheckedIOException("matches always serialise", e);
        }
    }

    private static String query(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        String query = ToolArguments.string(arguments, "query");
        if (query == null || query.isBlank() || query.length() > MAX_QUERY) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: query must be a string of 1 to " + MAX_QUERY + " characters: the words to look for.");
        }
        return query.strip();
    }

    /** The query's distinct words, letters and digits only, so no search operator can slip into the query. */
    static List<String> words(String query) throws ToolArguments.InvalidArgumentsException {
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_A_WORD.split(query.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !word.equals("or") && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: query must contain at least one word (letters or digits) to look for.");
        }
        return List.copyOf(words);
    }

    private static int limit(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        JsonNode value = arguments.get("limit");
        if (value == null || value.isNull()) {
            return DEFAULT_LIMIT;
        }
        if (!value.isNumber() || value.getNumberValue().doubleValue() != Math.rint(value.getNumberValue().doubleValue())
                || value.getIntValue() < 1 || value.getIntValue() > MAX_LIMIT) {
            throw new ToolArguments.InvalidArgumentsException("Error: limit must be an integer from 1 to " + MAX_LIMIT + ".");
        }
        return value.getIntValue();
    }

    private static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_SNIPPET ? flat : flat.substring(0, MAX_SNIPPET - 1) + "…";
    }
}
