package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.SimulatorHttp.CHART_SCHEMA;
import static dev.agenticchat.simulator.SimulatorHttp.MAPPER;
import static dev.agenticchat.simulator.SimulatorHttp.anthropicRequest;
import static dev.agenticchat.simulator.SimulatorHttp.assistantUsing;
import static dev.agenticchat.simulator.SimulatorHttp.events;
import static dev.agenticchat.simulator.SimulatorHttp.parse;
import static dev.agenticchat.simulator.SimulatorHttp.request;
import static dev.agenticchat.simulator.SimulatorHttp.streamedDeltas;
import static dev.agenticchat.simulator.SimulatorHttp.user;
import static dev.agenticchat.simulator.SimulatorHttp.userToolResult;
import static dev.agenticchat.simulator.SimulatorHttp.withAnthropicTool;
import static dev.agenticchat.simulator.SimulatorHttp.withThinking;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/messages}: Anthropic's wire format, driven by the same script as the OpenAI endpoint. */
class AnthropicMessagesTest {

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
    void answers_one_message_object_with_a_text_block_and_usage_counted_like_openai() {
        ObjectNode body = anthropicRequest(false, user("hello there, simulator"));
        body.put("system", "You are a tester.");

        HttpResponse<String> response = http.messages(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode message = parse(response.body());
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("model").asText()).isEqualTo("claude-sim");
        assertThat(message.path("content")).hasSize(1);
        assertThat(message.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("You said: hello there, simulator");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.path("stop_sequence").isNull()).isTrue();

        ObjectNode sameOnOpenAi = request(false, MAPPER.createObjectNode().put("role", "system")
                .put("content", "You are a tester."), user("hello there, simulator"));
        JsonNode openAiUsage = parse(http.chat(sameOnOpenAi).body()).path("usage");
        assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(openAiUsage.path("prompt_tokens").asInt())
                .isEqualTo(("You are a tester.".length() + "hello there, simulator".length()) / 4);
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(openAiUsage.path("completion_tokens").asInt())
                .isEqualTo(5);
    }

    @Test
    void streams_named_events_from_message_start_to_message_stop() {
        HttpResponse<String> response = http.messages(anthropicRequest(true, user("hello there, simulator")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<SimulatorHttp.Event> events = events(response.body());
        assertThat(events).extracting(SimulatorHttp.Event::name).containsExactly(
                "message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events).allSatisfy(event -> assertThat(event.data().path("type").asText()).isEqualTo(event.name()));

        JsonNode start = events.get(0).data().path("message");
        assertThat(start.path("id").asText()).startsWith("msg_");
        assertThat(start.path("role").asText()).isEqualTo("assistant");
        assertThat(start.path("content")).isEmpty();
        assertThat(start.at("/usage/input_tokens").asInt()).isEqualTo("hello there, simulator".length() / 4);
        assertThat(events.get(1).data().at("/content_block/type").asText()).isEqualTo("text");
        assertThat(events.get(1).data().path("index").asInt()).isZero();
        assertThat(events.get(3).data().at("/delta/type").asText()).isEqualTo("text_delta");
        assertThat(streamedDeltas(events, "text")).isEqualTo("You said: hello there, simulator");

        JsonNode delta = events.get(events.size() - 2).data();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/delta/stop_sequence").isNull()).isTrue();
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void streams_a_preamble_block_then_a_tool_use_block_whose_partial_json_holds_the_curated_chart() {
        ObjectNode body = withAnthropicTool(anthropicRequest(true, user("make a bar chart of quarterly sales")),
                "create_chart_artifact", CHART_SCHEMA);

        List<SimulatorHttp.Event> events = events(http.messages(body).body());

        assertThat(streamedDeltas(events, "text")).isEqualTo("Sure — I will create that chart for you.");
        List<JsonNode> starts = events.stream().filter(e -> e.name().equals("content_block_start"))
                .map(SimulatorHttp.Event::data).toList();
        assertThat(starts).hasSize(2);
        JsonNode toolUse = starts.get(1);
        assertThat(toolUse.path("index").asInt()).isEqualTo(1);
        assertThat(toolUse.at("/content_block/type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.at("/content_block/id").asText()).startsWith("toolu_");
        assertThat(toolUse.at("/content_block/name").asText()).isEqualTo("create_chart_artifact");
        assertThat(toolUse.at("/content_block/input")).isEmpty();
        List<JsonNode> jsonDeltas = events.stream()
                .filter(e -> e.data().at("/delta/type").asText().equals("input_json_delta"))
                .map(SimulatorHttp.Event::data).toList();
        assertThat(jsonDeltas).hasSizeGreaterThan(1).allSatisfy(d -> assertThat(d.path("index").asInt()).isEqualTo(1));
        JsonNode arguments = parse(streamedDeltas(events, "partial_json"));
        assertThat(arguments.path("chart_type").asText()).isEqualTo("bar");
        assertThat(arguments.at("/datasets/0/data")).hasSize(4);
        JsonNode delta = events.get(events.size() - 2).data();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        long tokenEvents = events.stream().filter(e -> e.name().equals("content_block_delta")).count();
        assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(tokenEvents);
    }

    @Test
    void round_trips_a_tool_use_and_its_tool_result_to_a_final_answer() {
        ObjectNode first = withAnthropicTool(anthropicRequest(false, user("plot the quarterly sales")),
                "create_chart_artifact", CHART_SCHEMA);
        JsonNode call = parse(http.messages(first).body());
        assertThat(call.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(call.at("/content/0/text").asText()).isEqualTo("Sure — I will create that chart for you.");
        JsonNode toolUse = call.at("/content/1");
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.at("/input/title").asText()).isEqualTo("Quarterly sales");

        ObjectNode assistant = MAPPER.createObjectNode().put("role", "assistant");
        assistant.set("content", call.path("content"));
        ObjectNode second = withAnthropicTool(anthropicRequest(false, user("plot the quarterly sales"), assistant,
                        userToolResult(toolUse.path("id").asText(),
                                "{\"id\":\"a-1\",\"type\":\"chart\",\"title\":\"Quarterly sales\"}", false)),
                "create_chart_artifact", CHART_SCHEMA);
        JsonNode answer = parse(http.messages(second).body());

        assertThat(answer.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(answer.path("content")).hasSize(1);
        assertThat(answer.at("/content/0/text").asText())
                .isEqualTo("I created the chart artifact \"Quarterly sales\" for you.");
    }

    @Test
    void a_tool_result_marked_is_error_makes_it_retry_with_valid_arguments() {
        String invalid = "{\"title\":\"Quarterly sales\",\"labels\":[\"Q1\",\"Q2\"],\"datasets\":[{\"data\":[1]}]}";
        ObjectNode body = withAnthropicTool(anthropicRequest(false,
                        user("[[tool:create_chart_artifact:invalid]] chart please"),
                        assistantUsing("toolu_1", "create_chart_artifact", invalid),
                        userToolResult("toolu_1", "datasets[0].data has 1 value", true)),
                "create_chart_artifact", CHART_SCHEMA);

        JsonNode message = parse(http.messages(body).body());

        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.path("content")).hasSize(1);
        JsonNode input = message.at("/content/0/input");
        assertThat(input.at("/datasets/0/data").size()).isEqualTo(input.path("labels").size());

        ObjectNode notAnError = withAnthropicTool(anthropicRequest(false,
                        user("make a chart"),
                        assistantUsing("toolu_1", "create_chart_artifact", "{}"),
                        userToolResult("toolu_1", "datasets[0].data has 1 value", false)),
                "create_chart_artifact", CHART_SCHEMA);
        assertThat(parse(http.messages(notAnError).body()).at("/content/0/text").asText())
                .isEqualTo("Here is what I found: datasets[0].data has 1 value");
    }

    @Test
    void records_anthropic_calls_in_the_chat_completions_shape_marked_with_their_api() {
        ObjectNode body = withAnthropicTool(anthropicRequest(false,
                        user("make a chart"),
                        assistantUsing("toolu_1", "create_chart_artifact", "{\"title\":\"T\"}"),
                        userToolResult("toolu_1", "{\"id\":\"a-1\",\"type\":\"chart\"}", false),
                        user("thanks")),
                "create_chart_artifact", CHART_SCHEMA);
        body.putArray("system").add(MAPPER.createObjectNode().put("type", "text").put("text", "You are Sam."))
                .add(MAPPER.createObjectNode().put("type", "text").put("text", "Be brief."));
        body.putObject("tool_choice").put("type", "auto");
        http.messages(body);
        http.chat(request(false, user("on openai")));

        JsonNode recorded = parse(http.get("/_sim/requests", null).body());

        assertThat(recorded).hasSize(2);
        JsonNode anthropic = recorded.get(0);
        assertThat(anthropic.path("api").asText()).isEqualTo("anthropic");
        assertThat(anthropic.path("model").asText()).isEqualTo("claude-sim");
        assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(anthropic.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(anthropic.at("/tools/0/function/name").asText()).isEqualTo("create_chart_artifact");
        assertThat(anthropic.at("/tools/0/function/parameters")).isEqualTo(parse(CHART_SCHEMA));
        assertThat(anthropic.path("tool_choice").asText()).isEqualTo("auto");
        JsonNode messages = anthropic.path("messages");
        assertThat(messages).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "tool", "user");
        assertThat(messages.at("/0/content").asText()).isEqualTo("You are Sam.\nBe brief.");
        assertThat(messages.at("/1/content").asText()).isEqualTo("make a chart");
        assertThat(messages.at("/2/content").isNull()).isTrue();
        assertThat(messages.at("/2/tool_calls/0/id").asText()).isEqualTo("toolu_1");
        assertThat(messages.at("/2/tool_calls/0/function/name").asText()).isEqualTo("create_chart_artifact");
        assertThat(parse(messages.at("/2/tool_calls/0/function/arguments").asText()).path("title").asText())
                .isEqualTo("T");
        assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("toolu_1");
        assertThat(messages.at("/3/content").asText()).isEqualTo("{\"id\":\"a-1\",\"type\":\"chart\"}");
        assertThat(messages.at("/4/content").asText()).isEqualTo("thanks");

        JsonNode openAi = recorded.get(1);
        assertThat(openAi.path("api").asText()).isEqualTo("openai");
        assertThat(openAi.at("/messages/0/content").asText()).isEqualTo("on openai");
        assertThat(simulator.requests()).extracting(r -> r.path("api").asText()).containsExactly("anthropic", "openai");
    }

    @Test
    void rejects_a_missing_or_blank_api_key_with_an_authentication_error() {
        String body = anthropicRequest(false, user("hi")).toString();

        HttpResponse<String> missing = http.messagesWithKey(body, null);
        HttpResponse<String> blank = http.messagesWithKey(body, " ");
        HttpResponse<String> bearerOnly = http.postRaw("/v1/messages", body, "Bearer k");

        assertThat(missing.statusCode()).isEqualTo(401);
        JsonNode error = parse(missing.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(error.at("/error/message").asText()).contains("x-api-key");
        assertThat(blank.statusCode()).isEqualTo(401);
        assertThat(bearerOnly.statusCode()).isEqualTo(401);
        assertThat(http.messagesWithKey(body, "any-key").statusCode()).isEqualTo(200);
    }

    @Test
    void rejects_malformed_json_missing_max_tokens_and_missing_messages_with_invalid_request_errors() {
        HttpResponse<String> malformed = http.messagesWithKey("{\"messages\": [", "k");
        ObjectNode noMaxTokens = anthropicRequest(false, user("hi"));
        noMaxTokens.remove("max_tokens");
        HttpResponse<String> withoutMaxTokens = http.messagesWithKey(noMaxTokens.toString(), "k");
        HttpResponse<String> withoutMessages = http.messagesWithKey("{\"model\":\"m\",\"max_tokens\":10}", "k");
        ObjectNode systemRole = anthropicRequest(false, MAPPER.createObjectNode().put("role", "system")
                .put("content", "x"));
        HttpResponse<String> wrongRole = http.messagesWithKey(systemRole.toString(), "k");

        for (HttpResponse<String> response : List.of(malformed, withoutMaxTokens, withoutMessages, wrongRole)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(parse(response.body()).path("type").asText()).isEqualTo("error");
            assertThat(parse(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(parse(withoutMaxTokens.body()).at("/error/message").asText()).contains("max_tokens");
        assertThat(parse(withoutMessages.body()).at("/error/message").asText()).contains("messages");
        assertThat(parse(wrongRole.body()).at("/error/message").asText()).contains("role");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void fail_directives_answer_anthropic_errors_typed_by_status() {
        assertError(http.messages(anthropicRequest(true, user("please [[fail:529]]"))), 529, "overloaded_error");
        assertError(http.messages(anthropicRequest(false, user("please [[fail:500]]"))), 500, "api_error");
        assertError(http.messages(anthropicRequest(false, user("please [[fail:429]]"))), 429, "rate_limit_error");
        assertError(http.messages(anthropicRequest(false, user("please [[fail:404]]"))), 404, "not_found_error");
        assertError(http.messages(anthropicRequest(false, user("please [[fail:400]]"))), 400, "invalid_request_error");
        assertError(http.messages(anthropicRequest(false, user("please [[fail:401]]"))), 401, "authentication_error");
    }

    @Test
    void fails_the_configured_number_of_requests_then_succeeds_as_on_the_openai_endpoint() {
        http.postRaw("/_sim/config", "{\"fail_next_requests\":2,\"fail_status\":429}", null);

        HttpResponse<String> first = http.messages(anthropicRequest(true, user("hi")));
        HttpResponse<String> second = http.chat(request(true, user("hi")));
        HttpResponse<String> third = http.messages(anthropicRequest(true, user("hi")));

        assertError(first, 429, "rate_limit_error");
        assertThat(first.headers().firstValue("retry-after")).hasValue("0");
        assertThat(second.statusCode()).as("the failures are shared by both endpoints").isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(streamedDeltas(events(third.body()), "text")).isEqualTo("You said: hi");

        http.postRaw("/_sim/config", "{\"fail_next_requests\":1,\"fail_status\":529}", null);
        assertError(http.messages(anthropicRequest(false, user("hi"))), 529, "overloaded_error");
    }

    @Test
    void text_directive_and_structured_output_work_as_on_the_openai_endpoint() {
        JsonNode text = parse(http.messages(anthropicRequest(false, user("[[text:Fixed reply.]] hi"))).body());
        assertThat(text.at("/content/0/text").asText()).isEqualTo("Fixed reply.");

        ObjectNode structured = anthropicRequest(false, user("My name is Ada Lovelace, ada@example.com"));
        structured.putObject("output_config").putObject("format").put("type", "json_schema")
                .set("schema", parse("{\"type\":\"object\",\"required\":[\"name\",\"email\"],\"properties\":{"
                        + "\"name\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"}}}"));
        JsonNode answer = parse(parse(http.messages(structured).body()).at("/content/0/text").asText());
        assertThat(answer.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(answer.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(simulator.requests().get(1).at("/response_format/type").asText()).isEqualTo("json_schema");
    }

    @Test
    void streams_thinking_with_its_signature_before_the_text_when_thinking_is_enabled() {
        ObjectNode body = withThinking(anthropicRequest(true, user("[[reasoning:Let me think.]] hi")), 1024);
        body.put("max_tokens", 2048);

        List<SimulatorHttp.Event> events = events(http.messages(body).body());

        assertThat(events).extracting(SimulatorHttp.Event::name).containsExactly(
                "message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(1).data().at("/content_block/type").asText()).isEqualTo("thinking");
        assertThat(events.get(3).data().at("/delta/type").asText()).isEqualTo("thinking_delta");
        assertThat(streamedDeltas(events, "thinking")).isEqualTo("Let me think.");
        JsonNode signature = events.get(6).data();
        assertThat(signature.at("/delta/type").asText()).isEqualTo("signature_delta");
        assertThat(signature.at("/delta/signature").asText()).isNotBlank();
        assertThat(signature.path("index").asInt()).isZero();
        assertThat(events.get(8).data().path("index").asInt()).isEqualTo(1);
        assertThat(events.get(8).data().at("/content_block/type").asText()).isEqualTo("text");
        assertThat(streamedDeltas(events, "text")).isEqualTo("You said: hi");
        assertThat(events.get(events.size() - 2).data().at("/usage/output_tokens").asInt()).isEqualTo(3 + 3);
    }

    @Test
    void answers_a_thinking_block_before_a_tool_use_when_not_streaming() {
        ObjectNode body = withThinking(withAnthropicTool(anthropicRequest(false,
                user("[[reasoning]] make a bar chart of quarterly sales")), "create_chart_artifact", CHART_SCHEMA), 1024);
        body.put("max_tokens", 2048);

        JsonNode message = parse(http.messages(body).body());

        assertThat(message.path("content")).extracting(block -> block.path("type").asText())
                .containsExactly("thinking", "text", "tool_use");
        JsonNode thinking = message.at("/content/0");
        assertThat(thinking.path("thinking").asText()).isEqualTo("The user asks: \"make a bar chart of quarterly "
                + "sales\". The create_chart_artifact tool fits this request, so I will call it.");
        assertThat(thinking.path("signature").asText()).isNotBlank();
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        int thinkingWords = thinking.path("thinking").asText().split(" ").length;
        ObjectNode withoutThinking = withAnthropicTool(anthropicRequest(false,
                user("make a bar chart of quarterly sales")), "create_chart_artifact", CHART_SCHEMA);
        int plainOutput = parse(http.messages(withoutThinking).body()).at("/usage/output_tokens").asInt();
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(plainOutput + thinkingWords);
    }

    @Test
    void the_reasoning_directive_produces_no_thinking_unless_the_request_enables_it() {
        JsonNode message = parse(http.messages(anthropicRequest(false, user("[[reasoning]] hi"))).body());
        List<SimulatorHttp.Event> events = events(http.messages(anthropicRequest(true, user("[[reasoning]] hi"))).body());

        assertThat(message.path("content")).extracting(block -> block.path("type").asText()).containsExactly("text");
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(3);
        assertThat(events).noneMatch(e -> e.data().at("/content_block/type").asText().equals("thinking"));
        assertThat(streamedDeltas(events, "thinking")).isEmpty();
    }

    @Test
    void rejects_a_thinking_budget_below_the_minimum_or_not_below_max_tokens() {
        HttpResponse<String> tooSmall = http.messages(withThinking(anthropicRequest(false, user("hi")), 100));
        HttpResponse<String> tooLarge = http.messages(withThinking(anthropicRequest(false, user("hi")), 1024));

        assertError(tooSmall, 400, "invalid_request_error");
        assertThat(parse(tooSmall.body()).at("/error/message").asText()).contains("budget_tokens");
        assertError(tooLarge, 400, "invalid_request_error");
        assertThat(parse(tooLarge.body()).at("/error/message").asText()).contains("max_tokens");
    }

    @Test
    void accepts_thinking_blocks_sent_back_and_records_them_as_reasoning_content() {
        ObjectNode assistant = MAPPER.createObjectNode().put("role", "assistant");
        assistant.putArray("content")
                .add(MAPPER.createObjectNode().put("type", "thinking").put("thinking", "Earlier thought.")
                        .put("signature", "sig"))
                .add(MAPPER.createObjectNode().put("type", "text").put("text", "Earlier answer."));
        ObjectNode body = withThinking(anthropicRequest(false, user("first"), assistant, user("second")), 1024);
        body.put("max_tokens", 4096);

        HttpResponse<String> response = http.messages(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(parse(response.body()).at("/content/0/text").asText()).isEqualTo("You said: second");
        JsonNode recorded = simulator.requests().get(0).path("messages").get(1);
        assertThat(recorded.path("content").asText()).isEqualTo("Earlier answer.");
        assertThat(recorded.path("reasoning_content").asText()).isEqualTo("Earlier thought.");
    }

    @Test
    void stops_at_max_tokens_and_says_so() {
        ObjectNode body = anthropicRequest(false, user("one two three four five"));
        body.put("max_tokens", 3);

        JsonNode message = parse(http.messages(body).body());
        ObjectNode streamed = anthropicRequest(true, user("one two three four five"));
        streamed.put("max_tokens", 3);
        List<SimulatorHttp.Event> events = events(http.messages(streamed).body());

        assertThat(message.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("You said: one ");
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(3);
        assertThat(events.get(events.size() - 2).data().at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(streamedDeltas(events, "text")).isEqualTo("You said: one ");
    }

    @Test
    void paces_the_stream_with_the_configured_delays() {
        simulator.configure(new SimulatorConfig(300, 50, 0, 500));

        long started = System.nanoTime();
        HttpResponse<String> streamed = http.messages(anthropicRequest(true, user("a b c")));
        Duration streamedIn = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        http.messages(anthropicRequest(false, user("a b c")));
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

        // "You said: a b c" is five pieces: one first-token delay and four token delays.
        assertThat(streamedIn).isGreaterThanOrEqualTo(Duration.ofMillis(300 + 4 * 50));
        assertThat(answeredIn).isGreaterThanOrEqualTo(Duration.ofMillis(300 + 4 * 50));
        assertThat(streamedDeltas(events(streamed.body()), "text")).isEqualTo("You said: a b c");
    }

    @Test
    void other_methods_on_the_messages_path_are_not_allowed() {
        assertThat(http.get("/v1/messages", null).statusCode()).isEqualTo(405);
        assertThat(http.postRaw("/v1/messagesX", "{}", null).statusCode()).isEqualTo(404);
    }

    private static void assertError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = parse(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).isNotBlank();
    }
}
