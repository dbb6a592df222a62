package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.ToolArguments.CHART_TOOL;
import static dev.agenticchat.simulator.ToolArguments.CODE_TOOL;
import static dev.agenticchat.simulator.ToolArguments.COMPETITORS_TOOL;
import static dev.agenticchat.simulator.ToolArguments.CSV_TOOL;
import static dev.agenticchat.simulator.ToolArguments.DIAGRAM_TOOL;
import static dev.agenticchat.simulator.ToolArguments.DOMAIN_SEO_TOOL;
import static dev.agenticchat.simulator.ToolArguments.HTML_TOOL;
import static dev.agenticchat.simulator.ToolArguments.KEYWORDS_TOOL;
import static dev.agenticchat.simulator.ToolArguments.MARKDOWN_TOOL;
import static dev.agenticchat.simulator.ToolArguments.PAYMENT_LINK_TOOL;
import static dev.agenticchat.simulator.ToolArguments.SEARCH_TOOL;
import static dev.agenticchat.simulator.ToolArguments.TABLE_TOOL;
import static dev.agenticchat.simulator.ToolArguments.UPDATE_TOOL;

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

    /**
     * First match wins, so the more specific asks come first: "update the chart" is an update, "competitors of
     * example.com" and "keyword gap of example.com" are not a domain overview.
     */
    private static final List<KeywordRule> KEYWORD_RULES = List.of(
            KeywordRule.of(UPDATE_TOOL, "Sure — I will update that artifact.", "update", "change", "rename"),
            KeywordRule.of(COMPETITORS_TOOL, "Let me look up the competitors of that domain.", "competitor"),
            KeywordRule.of(KEYWORDS_TOOL, "Let me research those keywords.", "keyword"),
            KeywordRule.of(DOMAIN_SEO_TOOL, "Let me analyse that domain's SEO.", "seo", "domain"),
            KeywordRule.of(CHART_TOOL, "Sure — I will create that chart for you.", "chart", "graph", "plot"),
            KeywordRule.of(CSV_TOOL, "Sure — I will create that CSV file for you.", "csv"),
            KeywordRule.of(TABLE_TOOL, "Sure — I will create that table for you.", "table"),
            KeywordRule.of(CODE_TOOL, "Sure — I will write that code for you.", "code", "function", "script"),
            KeywordRule.of(HTML_TOOL, "Sure — I will build that HTML page for you.", "html page", "web page", "html"),
            KeywordRule.of(MARKDOWN_TOOL, "Sure — I will write that document for you.",
                    "markdown", "document", "report"),
            KeywordRule.of(DIAGRAM_TOOL, "Sure — I will draw that diagram for you.", "diagram", "flowchart"),
            KeywordRule.of(PAYMENT_LINK_TOOL, "Sure — I will create that payment link for you.", "payment"),
            KeywordRule.of(SEARCH_TOOL, "Let me search the knowledge base for that.",
                    "search", "knowledge", "according to", "policy"));

    private Script() {
    }

    static Reply decide(ChatRequest request) {
        // Summaries and structured answers read the whole conversation: a directive in it is quoted, not obeyed.
        Optional<JsonNode> schema = request.responseSchema();
        if (schema.isPresent()) {
            return new Reply.Text(Json.write(StructuredAnswer.of(schema.get(), request.userTexts())));
        }
        if (request.systemText().contains(StructuredAnswer.SUMMARY_MARKER)) {
            return new Reply.Text(StructuredAnswer.summary(request.conversationMessageCount(), request.userTexts()));
        }
        Optional<Message> last = request.lastMessage();
        if (last.isPresent() && last.get().hasRole("tool")) {
            return answerToolResult(request, last.get());
        }
        return answerUser(request);
    }

    private static Reply answerToolResult(ChatRequest request, Message result) {
        Optional<String> tool = request.toolNameAnsweredBy(result);
        boolean failed = result.isError() || looksLikeFailure(result.text());
        if (tool.isPresent() && failed && request.offersTool(tool.get())
                && request.assistantToolCallsTo(tool.get()) < MAX_ATTEMPTS_PER_TOOL) {
            String userText = Directives.parse(request.lastUserText()).plainText();
            JsonNode schema = request.toolSchema(tool.get()).orElseThrow();
            return new Reply.ToolCall("", tool.get(), Json.write(validArguments(request, tool.get(), schema, userText)));
        }
        // A message with both a tool and a text directive gets that text as the answer after the tool (the
        // benchmark sizes its answers so).
        String answer = Directives.parse(request.lastUserText()).text();
        if (!failed && answer != null && Directives.parse(request.lastUserText()).tool() != null) {
            return new Reply.Text(answer);
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
            String verb = json.path("version").asInt(1) > 1 ? "updated" : "created";
            return "I " + verb + " the " + json.get("type").asText() + " artifact" + quotedTitle + " for you.";
        }
        String stripped = content.strip();
        if (stripped.startsWith("[1]")) {
            // Numbered passages (knowledge search): answer from the first one and cite it the way models do.
            String first = stripped.lines().findFirst().orElse("").substring("[1]".length()).strip();
            return "According to the knowledge base, " + truncate(first, MAX_QUOTED_RESULT_CHARS) + " [1]";
        }
        return "Here is what I found: " + truncate(stripped, MAX_QUOTED_RESULT_CHARS);
    }

    /** Reasoning, when the message asks for it, comes before whatever the answer is, tool call or text. */
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
                    : validArguments(request, tool, schema, text);
            return new Reply.ToolCall(preambleFor(tool), tool, Json.write(arguments), reasoning(directives, tool));
        }
        if (directives.text() != null) {
            return new Reply.Text(directives.text(), reasoning(directives, null));
        }
        for (KeywordRule rule : KEYWORD_RULES) {
            boolean applies = !UPDATE_TOOL.equals(rule.tool()) || request.latestArtifact().isPresent();
            if (applies && request.offersTool(rule.tool()) && rule.keywords().matcher(text).find()) {
                JsonNode schema = request.toolSchema(rule.tool()).orElseThrow();
                String arguments = Json.write(validArguments(request, rule.tool(), schema, text));
                return new Reply.ToolCall(rule.preamble(), rule.tool(), arguments, reasoning(directives, rule.tool()));
            }
        }
        return new Reply.Text("You said: " + truncate(text, MAX_ECHO_CHARS), reasoning(directives, null));
    }

    /** The requested reasoning; a bare {@code [[reasoning]]} restates the question and how it will be answered. */
    private static String reasoning(Directives directives, String tool) {
        if (directives.reasoning() == null) {
            return "";
        }
        if (!directives.reasoning().isEmpty()) {
            return directives.reasoning();
        }
        String question = "The user asks: \"" + truncate(directives.plainText(), MAX_QUOTED_RESULT_CHARS) + "\".";
        return tool == null
                ? question + " I can answer this directly."
                : question + " The " + tool + " tool fits this request, so I will call it.";
    }

    /** An update changes the artifact of the latest tool result; every other tool's arguments come from the text. */
    private static JsonNode validArguments(ChatRequest request, String tool, JsonNode schema, String text) {
        if (UPDATE_TOOL.equals(tool)) {
            Optional<JsonNode> artifact = request.latestArtifact();
            if (artifact.isPresent()) {
                return ToolArguments.update(artifact.get());
            }
        }
        return ToolArguments.valid(tool, schema, text);
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
