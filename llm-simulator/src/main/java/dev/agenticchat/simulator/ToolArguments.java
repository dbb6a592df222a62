package dev.agenticchat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arguments the simulator passes to a tool: for {@code create_<type>_artifact} the contracts' valid sample of the
 * type ({@code samples/artifacts/<type>.json} on the classpath), else a built-in curated sample; arguments built
 * from the user's words for the search, SEO and built-in tools (calculate evaluates the text, recall_conversations
 * searches it, current_datetime takes the first IANA zone id in it); a generated minimal instance of the offered schema for
 * everything else; and a deliberately broken variant of any of them.
 */
final class ToolArguments {

    static final String CHART_TOOL = "create_chart_artifact";
    static final String CSV_TOOL = "create_csv_artifact";
    static final String TABLE_TOOL = "create_table_artifact";
    static final String CODE_TOOL = "create_code_artifact";
    static final String MARKDOWN_TOOL = "create_markdown_artifact";
    static final String HTML_TOOL = "create_html_artifact";
    static final String DIAGRAM_TOOL = "create_diagram_artifact";
    static final String PAYMENT_LINK_TOOL = "create_payment_link_artifact";
    static final String SEARCH_TOOL = "search_knowledge";
    static final String UPDATE_TOOL = "update_artifact";
    static final String DOMAIN_SEO_TOOL = "analyze_domain_seo";
    static final String COMPETITORS_TOOL = "analyze_competitors";
    static final String KEYWORDS_TOOL = "research_keywords";
    static final String CALCULATE_TOOL = "calculate";
    static final String RECALL_TOOL = "recall_conversations";
    static final String DATETIME_TOOL = "current_datetime";

    private static final int MAX_QUERY_CHARS = 1000;
    private static final String DEFAULT_DOMAIN = "example.com";
    private static final String DEFAULT_SEED = "running shoes";
    private static final String DATABASE = "us";
    private static final Pattern CREATE_TOOL = Pattern.compile("create_([a-z0-9_]+)_artifact");
    private static final Pattern DOMAIN = Pattern.compile(
            "\\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,200})\"");
    private static final Pattern TIME_ZONE = Pattern.compile("\\b(UTC|[A-Z][A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)\\b");
    private static final int MAX_EXPRESSION_CHARS = 500;

    private static final Map<String, String> CURATED = Map.of(
            CHART_TOOL, """
                    {"title":"Quarterly sales","chart_type":"bar","labels":["Q1","Q2","Q3","Q4"],\
                    "datasets":[{"label":"Sales","data":[120,150,180,210]}],\
                    "x_axis_title":"Quarter","y_axis_title":"Sales (k$)"}""",
            CSV_TOOL, """
                    {"title":"Quarterly sales","headers":["quarter","sales"],"rows":[["Q1","120"],["Q2","150"]]}""",
            CODE_TOOL, """
                    {"title":"Hello","language":"python","filename":"hello.py","code":"print('hello')\\n"}""",
            MARKDOWN_TOOL, """
                    {"title":"Notes","markdown":"# Notes\\n\\n- first\\n- second\\n"}""");

    private ToolArguments() {
    }

    static ObjectNode valid(String toolName, JsonNode schema, String userText) {
        return curated(toolName, userText)
                .filter(sample -> hasAllRequired(sample, schema))
                .map(sample -> withoutUndeclared(sample, schema))
                .orElseGet(() -> generated(schema));
    }

    /** A small change to the artifact a tool result described: its title gains " (v2)". */
    static ObjectNode update(JsonNode artifact) {
        String title = artifact.path("title").asText("");
        ObjectNode arguments = Json.object().put("artifact_id", artifact.path("id").asText());
        arguments.putObject("patch").put("title", (title.isBlank() ? "Untitled" : title) + " (v2)");
        return arguments;
    }

    /** Arguments shaped like the valid ones but rejected by a validator, to exercise the agent's repair loop. */
    static ObjectNode invalid(String toolName, JsonNode schema, String userText) {
        ObjectNode arguments = valid(toolName, schema, userText);
        if (CHART_TOOL.equals(toolName) && shortenFirstDataset(arguments)) {
            return arguments;
        }
        JsonNode required = schema.path("required");
        if (!required.isEmpty()) {
            arguments.remove(required.get(0).asText());
        }
        return arguments;
    }

    private static Optional<ObjectNode> curated(String toolName, String userText) {
        switch (toolName) {
            case SEARCH_TOOL -> {
                String query = userText.isBlank() ? "search" : userText;
                return Optional.of(Json.object().put("query", query.substring(0, Math.min(query.length(), MAX_QUERY_CHARS))));
            }
            case DOMAIN_SEO_TOOL -> {
                return Optional.of(Json.object().put("domain", domains(userText).get(0)).put("database", DATABASE));
            }
            case COMPETITORS_TOOL -> {
                return Optional.of(Json.object().put("domain", domains(userText).get(0)).put("database", DATABASE)
                        .put("source", userText.toLowerCase(Locale.ROOT).contains("paid") ? "paid" : "organic"));
            }
            case KEYWORDS_TOOL -> {
                return Optional.of(keywordResearch(userText));
            }
            case CALCULATE_TOOL -> {
                // The user's text is the expression: "[[tool:calculate]] (2 + 3) * 4".
                String expression = userText.isBlank() ? "1 + 1" : userText;
                return Optional.of(Json.object().put("expression",
                        expression.substring(0, Math.min(expression.length(), MAX_EXPRESSION_CHARS))));
            }
            case RECALL_TOOL -> {
                String query = userText.isBlank() ? "earlier" : userText;
                return Optional.of(Json.object().put("query", query.substring(0, Math.min(query.length(), MAX_EXPRESSION_CHARS))));
            }
            case DATETIME_TOOL -> {
                Matcher zone = TIME_ZONE.matcher(userText);
                return Optional.of(zone.find() ? Json.object().put("time_zone", zone.group(1)) : Json.object());
            }
            default -> {
                return contractSample(toolName).or(() -> Optional.ofNullable(CURATED.get(toolName))
                        .flatMap(Json::tryParse)
                        .map(ObjectNode.class::cast));
            }
        }
    }

    /** Two or more domains in the text ask for a keyword gap, anything else for keywords like a seed. */
    private static ObjectNode keywordResearch(String userText) {
        List<String> domains = domainsIn(userText);
        if (domains.size() >= 2) {
            ObjectNode gap = Json.object().put("mode", "gap").put("database", DATABASE).put("domain", domains.get(0));
            ArrayNode competitors = gap.putArray("competitor_domains");
            domains.subList(1, Math.min(domains.size(), 6)).forEach(competitors::add);
            return gap;
        }
        Matcher quoted = QUOTED.matcher(userText);
        String seed = quoted.find() ? quoted.group(1) : DEFAULT_SEED;
        return Json.object().put("mode", "similar").put("database", DATABASE).put("seed_keyword", seed);
    }

    private static List<String> domains(String text) {
        List<String> found = domainsIn(text);
        return found.isEmpty() ? List.of(DEFAULT_DOMAIN) : found;
    }

    private static List<String> domainsIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = DOMAIN.matcher(text);
        while (matcher.find()) {
            String domain = matcher.group(1).toLowerCase(Locale.ROOT);
            if (!found.contains(domain)) {
                found.add(domain);
            }
        }
        return found;
    }

    /** The contracts' sample of the tool's artifact type, when the contracts jar is on the classpath. */
    private static Optional<ObjectNode> contractSample(String toolName) {
        Matcher create = CREATE_TOOL.matcher(toolName);
        if (!create.matches()) {
            return Optional.empty();
        }
        String resource = "samples/artifacts/" + create.group(1) + ".json";
        try (InputStream in = ToolArguments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Json.tryParse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .filter(JsonNode::isObject)
                    .map(ObjectNode.class::cast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static boolean hasAllRequired(ObjectNode sample, JsonNode schema) {
        for (JsonNode name : schema.path("required")) {
            if (!sample.has(name.asText())) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode withoutUndeclared(ObjectNode sample, JsonNode schema) {
        if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").booleanValue()) {
            JsonNode declared = schema.path("properties");
            for (Iterator<String> names = sample.fieldNames(); names.hasNext(); ) {
                if (!declared.has(names.next())) {
                    names.remove();
                }
            }
        }
        return sample;
    }

    private static ObjectNode generated(JsonNode schema) {
        JsonNode instance = SchemaInstanceGenerator.generate(schema);
        return instance instanceof ObjectNode object ? object : Json.object();
    }

    /** A chart whose first series has fewer points than there are labels is the classic semantic error. */
    private static boolean shortenFirstDataset(ObjectNode arguments) {
        JsonNode labels = arguments.path("labels");
        JsonNode data = arguments.path("datasets").path(0).path("data");
        if (!labels.isArray() || !data.isArray() || labels.isEmpty()) {
            return false;
        }
        ArrayNode shortened = Json.MAPPER.createArrayNode();
        for (int i = 0; i < labels.size() - 1 && i < data.size(); i++) {
            shortened.add(data.get(i));
        }
        ((ObjectNode) arguments.path("datasets").get(0)).set("data", shortened);
        return true;
    }
}
