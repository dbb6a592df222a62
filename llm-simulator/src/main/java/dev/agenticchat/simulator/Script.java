package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.ToolArguments.CHART_TOOL;
import static dev.agenticchat.simulator.ToolArguments.CODE_TOOL;
import static dev.agenticchat.simulator.ToolArguments.CSV_TOOL;
import static dev.agenticchat.simulator.ToolArguments.MARKDOWN_TOOL;
import static dev.agenticchat.simulator.ToolArguments.SEARCH_TOOL;
import static dev.agenticchat.simulator.ToolArguments.TABLE_TOOL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The deterministic "model": decides the reply purely from the conversation and the offered tools. */
final class Script {

    private static final int MAX_ATTEMPTS_PER_TOOL = 2;
    private static final int MAX_ECHO_CHARS = 300;
    private static final int MAX_QUOTED_RESULT_CHARS = 200;

    private record KeywordRule(String tool, Pattern keywords, String preamble) {

        static KeywordRule of(String tool, String preamble, String... keywords) {
            // Keywords match at a word start, so "charts" and "plotting" count but "comfortable" is not a table.
            Pattern pattern = Pattern.compile("\\b(" + String.join("|", keywords) + ")", Pattern.CASE_INSENSITIVE);
            return new KeywordRule(tool, pattern, preamble);
        }
    }

    private static final List<KeywordRule> KEYWORD_RULES = List.of(
            KeywordRule.of(CHART_TOOL, "Sure — I will create that chart for you.", "chart", "graph", "plot"),
            KeywordRule.of(CSV_TOOL, "Sure — I will create that CSV file for you.", "csv"),
            KeywordRule.of(TABLE_TOOL, "Sure — I will create that table for you.", "table"),
            KeywordRule.of(CODE_TOOL, "Sure — I will write that code for you.", "code", "function", "script"),
            KeywordRule.of(MARKDOWN_TOOL, "Sure — I will write that document for you.",
                    "markdown", "document", "report"),
            KeywordRule.of(SEARCH_TOOL, "Let me search the knowledge base for that.",
                    "search", "knowledge", "according to", "policy"));

    private Script() {
    }

    static Reply decide(ChatRequest request) {
        Optional<Message> last = request.lastMessage();
        if (last.isPresent() && last.get().hasRole("tool")) {
            return answerToolResult(request, last.get());
        }
        return answerUser(request);
    }

    private static Reply answerToolResult(ChatRequest request, Message result) {
        Optional<String> tool = request.toolNameAnsweredBy(result);
        if (tool.isPresent() && looksLikeFailure(result.text()) && request.offersTool(tool.get())
                && request.assistantToolCallsTo(tool.get()) < MAX_ATTEMPTS_PER_TOOL) {
            String userText = Directives.parse(request.lastUserText()).plainText();
            JsonNode schema = request.toolSchema(tool.get()).orElseThrow();
            return new Reply.ToolCall("", tool.get(), Json.write(ToolArguments.valid(tool.get(), schema, userText)));
        }
        return new Reply.Text(describe(result.text()));
    }

    private static boolean looksLikeFailure(String content) {
        if (content.strip().startsWith("Error")) {
            return true;
        }
        JsonNode json = Json.tryParse(content).orElse(null);
        if (json == null || !json.isObject()) {
            return false;
        }
        return json.path("status").isNumber() && json.get("status").asInt() >= 400 || json.path("errors").isArray();
    }

    private static String describe(String content) {
        JsonNode json = Json.tryParse(content).orElse(null);
        if (json != null && json.isObject() && json.has("type") && json.has("id")) {
            String title = json.path("title").asText("");
            String quotedTitle = title.isEmpty() ? "" : " \"" + title + "\"";
            return "I created the " + json.get("type").asText() + " artifact" + quotedTitle + " for you.";
        }
        return "Here is what I found: " + truncate(content.strip(), MAX_QUOTED_RESULT_CHARS);
    }

    private static Reply answerUser(ChatRequest request) {
        Directives directives = Directives.parse(request.lastUserText());
        if (directives.failStatus().isPresent()) {
            int status = directives.failStatus().getAsInt();
            return new Reply.Failure(status, "Simulated failure requested by [[fail:" + status + "]]");
        }
        String text = directives.plainText();
        if (directives.tool() != null && request.offersTool(directives.tool())) {
            String tool = directives.tool();
            JsonNode schema = request.toolSchema(tool).orElseThrow();
            JsonNode arguments = directives.invalidArgs()
                    ? ToolArguments.invalid(tool, schema, text)
                    : ToolArguments.valid(tool, schema, text);
            return new Reply.ToolCall(preambleFor(tool), tool, Json.write(arguments));
        }
        if (directives.text() != null) {
            return new Reply.Text(directives.text());
        }
        for (KeywordRule rule : KEYWORD_RULES) {
            if (request.offersTool(rule.tool()) && rule.keywords().matcher(text).find()) {
                JsonNode schema = request.toolSchema(rule.tool()).orElseThrow();
                String arguments = Json.write(ToolArguments.valid(rule.tool(), schema, text));
                return new Reply.ToolCall(rule.preamble(), rule.tool(), arguments);
            }
        }
        return new Reply.Text("You said: " + truncate(text, MAX_ECHO_CHARS));
    }

    private static String preambleFor(String tool) {
        return KEYWORD_RULES.stream()
                .filter(rule -> rule.tool().equals(tool))
                .map(KeywordRule::preamble)
                .findFirst()
                .orElse("Sure — I will use " + tool + " for that.");
    }

    private static String truncate(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }
}
