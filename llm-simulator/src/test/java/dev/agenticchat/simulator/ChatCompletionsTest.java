package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.SimulatorHttp.CHART_SCHEMA;
import static dev.agenticchat.simulator.SimulatorHttp.assistantCalling;
import static dev.agenticchat.simulator.SimulatorHttp.chunks;
import static dev.agenticchat.simulator.SimulatorHttp.parse;
import static dev.agenticchat.simulator.SimulatorHttp.request;
import static dev.agenticchat.simulator.SimulatorHttp.streamedArguments;
import static dev.agenticchat.simulator.SimulatorHttp.streamedContent;
import static dev.agenticchat.simulator.SimulatorHttp.toolResult;
import static dev.agenticchat.simulator.SimulatorHttp.user;
import static dev.agenticchat.simulator.SimulatorHttp.withTool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {

    private static LlmSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void startSimulator() {
        simulator = LlmSimulator.start("127.0.0.1", 0);
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    @Test
    void streams_text_word_by_word_and_ends_with_usage() {
        HttpResponse<String> response = http.chat(request(true, user("hello there, simulator")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<JsonNode> chunks = chunks(response.body());
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo("sim-1");
            assertThat(chunk.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());
        });
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        List<String> pieces = chunks.stream()
                .map(chunk -> chunk.at("/choices/0/delta/content"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .toList();
        assertThat(pieces).containsExactly("You ", "said: ", "hello ", "there, ", "simulator");

        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo("hello there, simulator".length() / 4);
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(5 + "hello there, simulator".length() / 4);
    }

    @Test
    void streams_a_preamble_then_a_tool_call_whose_arguments_hold_the_curated_chart() {
        JsonNode body = withTool(request(true, user("make a bar chart of quarterly sales")),
                "create_chart_artifact", CHART_SCHEMA);

        List<JsonNode> chunks = chunks(http.chat(body).body());

        assertThat(streamedContent(chunks)).isEqualTo("Sure — I will create that chart for you.");
        JsonNode start = chunks.stream()
                .map(chunk -> chunk.at("/choices/0/delta/tool_calls/0"))
                .filter(call -> call.has("id"))
                .findFirst().orElseThrow();
        assertThat(start.path("index").asInt()).isZero();
        assertThat(start.path("id").asText()).startsWith("call_");
        assertThat(start.path("type").asText()).isEqualTo("function");
        assertThat(start.at("/function/name").asText()).isEqualTo("create_chart_artifact");
        assertThat(start.at("/function/arguments").asText()).isEmpty();

        JsonNode arguments = parse(streamedArguments(chunks));
        assertThat(arguments.path("chart_type").asText()).isEqualTo("bar");
        assertThat(arguments.path("labels")).hasSize(4);
        assertThat(arguments.at("/datasets/0/data")).hasSize(4);
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        long tokenChunks = chunks.stream()
                .map(chunk -> chunk.at("/choices/0/delta"))
                .filter(delta -> !delta.path("content").asText("").isEmpty()
                        || !delta.at("/tool_calls/0/function/arguments").asText("").isEmpty())
                .count();
        assertThat(chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asLong()).isEqualTo(tokenChunks);
    }

    @Test
    void invalid_tool_directive_sends_a_chart_whose_first_dataset_is_shorter_than_its_labels() {
        JsonNode body = withTool(request(true, user("[[tool:create_chart_artifact:invalid]] chart please")),
                "create_chart_artifact", CHART_SCHEMA);

        JsonNode arguments = parse(streamedArguments(chunks(http.chat(body).body())));

        assertThat(arguments.at("/datasets/0/data").size()).isEqualTo(arguments.path("labels").size() - 1);
    }

    @Test
    void invalid_tool_directive_drops_the_first_required_property_of_other_tools() {
        String schema = """
                {"type":"object","required":["name","size"],
                 "properties":{"name":{"type":"string"},"size":{"type":"integer","minimum":1}}}""";
        JsonNode body = withTool(request(false, user("[[tool:make_thing:invalid]]")), "make_thing", schema);

        JsonNode message = parse(http.chat(body).body()).at("/choices/0/message");

        JsonNode arguments = parse(message.at("/tool_calls/0/function/arguments").asText());
        assertThat(arguments.has("name")).isFalse();
        assertThat(arguments.path("size").asInt()).isEqualTo(10);
    }

    @Test
    void retries_a_tool_with_valid_arguments_after_a_failed_tool_result() {
        String invalid = "{\"title\":\"Quarterly sales\",\"labels\":[\"Q1\",\"Q2\"],\"datasets\":[{\"data\":[1]}]}";
        JsonNode body = withTool(request(true,
                        user("[[tool:create_chart_artifact:invalid]] chart please"),
                        assistantCalling("call_1", "create_chart_artifact", invalid),
                        toolResult("call_1", "{\"status\":422,\"errors\":[\"datasets[0].data has 1 value\"]}")),
                "create_chart_artifact", CHART_SCHEMA);

        List<JsonNode> chunks = chunks(http.chat(body).body());

        assertThat(streamedContent(chunks)).isEmpty();
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(0).at("/choices/0/delta/tool_calls/0/function/name").asText())
                .isEqualTo("create_chart_artifact");
        JsonNode arguments = parse(streamedArguments(chunks));
        assertThat(arguments.at("/datasets/0/data").size()).isEqualTo(arguments.path("labels").size());
    }

    @Test
    void gives_up_retrying_after_two_calls_to_the_same_tool_and_answers_with_text() {
        JsonNode body = withTool(request(false,
                        user("make a chart"),
                        assistantCalling("call_1", "create_chart_artifact", "{}"),
                        toolResult("call_1", "Error: invalid arguments"),
                        assistantCalling("call_2", "create_chart_artifact", "{}"),
                        toolResult("call_2", "Error: still invalid")),
                "create_chart_artifact", CHART_SCHEMA);

        JsonNode message = parse(http.chat(body).body()).at("/choices/0/message");

        assertThat(message.path("content").asText()).isEqualTo("Here is what I found: Error: still invalid");
        assertThat(message.has("tool_calls")).isFalse();
    }

    @Test
    void summarises_an_artifact_tool_result() {
        JsonNode body = withTool(request(true,
                        user("make a chart"),
                        assistantCalling("call_1", "create_chart_artifact", "{}"),
                        toolResult("call_1", "{\"id\":\"a-1\",\"type\":\"chart\",\"title\":\"Quarterly sales\"}")),
                "create_chart_artifact", CHART_SCHEMA);

        assertThat(streamedContent(chunks(http.chat(body).body())))
                .isEqualTo("I created the chart artifact \"Quarterly sales\" for you.");
    }

    @Test
    void updates_the_artifact_of_the_latest_tool_result_when_asked_to_update() {
        String updateSchema = "{\"type\":\"object\",\"required\":[\"artifact_id\"],\"properties\":{"
                + "\"artifact_id\":{\"type\":\"string\"},\"patch\":{\"type\":\"object\"}}}";
        JsonNode body = withTool(withTool(request(false,
                        user("make a chart"),
                        assistantCalling("call_1", "create_chart_artifact", "{}"),
                        toolResult("call_1", "{\"id\":\"a-1\",\"type\":\"chart\",\"title\":\"Quarterly sales\"}"),
                        user("please update the chart title")),
                "create_chart_artifact", CHART_SCHEMA), "update_artifact", updateSchema);

        JsonNode message = parse(http.chat(body).body()).at("/choices/0/message");

        assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("update_artifact");
        assertThat(parse(message.at("/tool_calls/0/function/arguments").asText()))
                .isEqualTo(parse("{\"artifact_id\":\"a-1\",\"patch\":{\"title\":\"Quarterly sales (v2)\"}}"));
    }

    @Test
    void routes_each_kind_of_request_to_its_tool_when_every_tool_is_offered() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("draw a diagram of the checkout flow", "create_diagram_artifact");
        expected.put("send me a payment link for the pro plan", "create_payment_link_artifact");
        expected.put("build an html page to welcome new users", "create_html_artifact");
        expected.put("put the customers in a table", "create_table_artifact");
        expected.put("how is the seo of example.com?", "analyze_domain_seo");
        expected.put("analyse the domain shop.example.org", "analyze_domain_seo");
        expected.put("who are the competitors of example.com?", "analyze_competitors");
        expected.put("find keywords like \"trail shoes\"", "research_keywords");
        expected.put("search our refund policy", "search_knowledge");
        List<String> tools = List.of("create_chart_artifact", "create_table_artifact", "create_markdown_artifact",
                "create_html_artifact", "create_diagram_artifact", "create_payment_link_artifact", "search_knowledge",
                "update_artifact", "analyze_domain_seo", "analyze_competitors", "research_keywords");

        expected.forEach((text, tool) -> {
            ObjectNode body = request(false, user(text));
            tools.forEach(name -> withTool(body, name, "{\"type\":\"object\"}"));

            JsonNode message = parse(http.chat(body).body()).at("/choices/0/message");

            assertThat(message.at("/tool_calls/0/function/name").asText()).as(text).isEqualTo(tool);
        });
    }

    @Test
    void does_not_update_when_no_artifact_was_made_yet() {
        String updateSchema = "{\"type\":\"object\",\"required\":[\"artifact_id\"]}";
        JsonNode body = withTool(request(false, user("update the chart")), "update_artifact", updateSchema);

        JsonNode message = parse(http.chat(body).body()).at("/choices/0/message");

        assertThat(message.has("tool_calls")).isFalse();
    }

    @Test
    void answers_numbered_search_passages_citing_the_first() {
        JsonNode body = withTool(request(false,
                        user("search the handbook for the refund policy"),
                        assistantCalling("call_1", "search_knowledge", "{\"query\":\"refund policy\"}"),
                        toolResult("call_1", "[1] Handbook, p.3: Refunds take 14 days.\n\n[2] FAQ: Ask support.")),
                "search_knowledge", "{\"type\":\"object\",\"required\":[\"query\"]}");

        JsonNode message = parse(http.chat(body).body()).at("/choices/0/message");

        assertThat(message.path("content").asText())
                .isEqualTo("According to the knowledge base, Handbook, p.3: Refunds take 14 days. [1]");
    }

    @Test
    void answers_one_chat_completion_object_when_not_streaming() {
        JsonNode body = withTool(request(false, user("plot the quarterly sales")),
                "create_chart_artifact", CHART_SCHEMA);

        HttpResponse<String> response = http.chat(body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode completion = parse(response.body());
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode message = completion.at("/choices/0/message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").asText()).isEqualTo("Sure — I will create that chart for you.");
        assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("create_chart_artifact");
        assertThat(parse(message.at("/tool_calls/0/function/arguments").asText()).path("title").asText())
                .isEqualTo("Quarterly sales");
        assertThat(completion.at("/usage/total_tokens").asInt())
                .isEqualTo(completion.at("/usage/prompt_tokens").asInt()
                        + completion.at("/usage/completion_tokens").asInt());
    }

    @Test
    void skips_keywords_whose_tool_is_not_offered_and_echoes_the_user_when_no_tool_fits() {
        JsonNode body = withTool(request(false, user("[[reasoning]] draw a chart as a csv")),
                "create_csv_artifact", "{\"type\":\"object\",\"required\":[\"title\"],"
                        + "\"properties\":{\"title\":{\"type\":\"string\"}}}");

        JsonNode message = parse(http.chat(body).body()).at("/choices/0/message");
        assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("create_csv_artifact");

        JsonNode withoutTools = request(false, user("[[reasoning]] draw a chart as a csv"));
        assertThat(parse(http.chat(withoutTools).body()).at("/choices/0/message/content").asText())
                .isEqualTo("You said: draw a chart as a csv");
    }

    @Test
    void text_directive_replies_with_exactly_that_text() {
        List<JsonNode> chunks = chunks(http.chat(request(true, user("[[text:Fixed reply, no echo.]] hi"))).body());

        assertThat(streamedContent(chunks)).isEqualTo("Fixed reply, no echo.");
    }

    @Test
    void fail_directive_answers_an_openai_server_error() {
        HttpResponse<String> response = http.chat(request(true, user("please [[fail:500]]")));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(parse(response.body()).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void rejects_a_request_without_a_bearer_token_with_401() {
        HttpResponse<String> response = http.postRaw("/v1/chat/completions",
                request(false, user("hi")).toString(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = parse(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(http.postRaw("/v1/chat/completions", request(false, user("hi")).toString(), "Bearer ")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void rejects_malformed_json_and_missing_messages_with_400() {
        HttpResponse<String> malformed = http.postRaw("/v1/chat/completions", "{\"messages\": [", "Bearer k");
        HttpResponse<String> noMessages = http.postRaw("/v1/chat/completions", "{\"model\":\"sim-1\"}", "Bearer k");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(parse(malformed.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(parse(noMessages.body()).at("/error/message").asText()).contains("messages");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void fails_the_configured_number_of_requests_with_429_then_succeeds() {
        HttpResponse<String> configured = http.postRaw("/_sim/config",
                "{\"fail_next_requests\":2,\"fail_status\":429}", null);
        assertThat(configured.statusCode()).isEqualTo(200);

        HttpResponse<String> first = http.chat(request(true, user("hi")));
        HttpResponse<String> second = http.chat(request(true, user("hi")));
        HttpResponse<String> third = http.chat(request(true, user("hi")));

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("retry-after")).hasValue("0");
        assertThat(parse(first.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(streamedContent(chunks(third.body()))).isEqualTo("You said: hi");
    }

    @Test
    void answers_a_tool_result_with_the_text_directive_of_a_message_that_also_names_a_tool() {
        String chart = "{\"type\":\"chart\",\"id\":\"a1\",\"title\":\"Quarterly sales\"}";
        JsonNode body = withTool(request(true,
                        user("[[tool:create_chart_artifact]] [[text:one two three]] chart please"),
                        assistantCalling("call_1", "create_chart_artifact", "{}"),
                        toolResult("call_1", chart)),
                "create_chart_artifact", CHART_SCHEMA);

        List<JsonNode> chunks = chunks(http.chat(body).body());

        assertThat(streamedContent(chunks)).isEqualTo("one two three");
    }

    @Test
    void records_requests_until_reset() {
        http.chat(request(false, user("first")));
        http.chat(request(false, user("second")));

        JsonNode recorded = parse(http.get("/_sim/requests", null).body());
        assertThat(recorded).hasSize(2);
        assertThat(recorded.at("/0/messages/0/content").asText()).isEqualTo("first");
        assertThat(simulator.requests()).extracting(r -> r.at("/messages/0/content").asText())
                .containsExactly("first", "second");

        assertThat(http.postRaw("/_sim/reset", "", null).statusCode()).isEqualTo(204);
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void lists_the_simulated_model_and_reports_health() {
        JsonNode models = parse(http.get("/v1/models", "Bearer k").body());
        assertThat(models.path("object").asText()).isEqualTo("list");
        assertThat(models.at("/data/0/id").asText()).isEqualTo("sim-1");

        HttpResponse<String> health = http.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(parse(health.body()).path("status").asText()).isEqualTo("UP");

        assertThat(http.get("/nope", null).statusCode()).isEqualTo(404);
        assertThat(http.get("/v1/chat/completions", "Bearer k").statusCode()).isEqualTo(405);
    }
}
