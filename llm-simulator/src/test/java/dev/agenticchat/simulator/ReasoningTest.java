package dev.agenticchat.simulator;

import static dev.agenticchat.simulator.SimulatorHttp.CHART_SCHEMA;
import static dev.agenticchat.simulator.SimulatorHttp.chunks;
import static dev.agenticchat.simulator.SimulatorHttp.parse;
import static dev.agenticchat.simulator.SimulatorHttp.request;
import static dev.agenticchat.simulator.SimulatorHttp.streamedArguments;
import static dev.agenticchat.simulator.SimulatorHttp.streamedContent;
import static dev.agenticchat.simulator.SimulatorHttp.user;
import static dev.agenticchat.simulator.SimulatorHttp.withTool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code [[reasoning]]} directive on the OpenAI endpoint: reasoning deltas before the answer. */
class ReasoningTest {

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
    void streams_the_given_reasoning_as_reasoning_content_before_the_text_and_counts_it_in_usage() {
        List<JsonNode> chunks = chunks(http.chat(request(true, user("[[reasoning:Think it over first.]] hi"))).body());

        List<String> kinds = chunks.stream()
                .map(chunk -> chunk.at("/choices/0/delta"))
                .filter(delta -> delta.has("reasoning_content") || delta.has("content"))
                .map(delta -> delta.has("reasoning_content") ? "reasoning" : "content")
                .toList();
        assertThat(kinds).containsExactly("reasoning", "reasoning", "reasoning", "reasoning", "content", "content",
                "content");
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(reasoning(chunks, "reasoning_content")).isEqualTo("Think it over first.");
        assertThat(streamedContent(chunks)).isEqualTo("You said: hi");
        JsonNode usage = chunks.get(chunks.size() - 1).path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(4 + 3);
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(4);
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    }

    @Test
    void a_bare_reasoning_directive_reasons_about_the_question_and_the_tool_it_will_call() {
        JsonNode body = withTool(request(true, user("[[reasoning]] make a bar chart of quarterly sales")),
                "create_chart_artifact", CHART_SCHEMA);

        List<JsonNode> chunks = chunks(http.chat(body).body());

        assertThat(reasoning(chunks, "reasoning_content")).isEqualTo(
                "The user asks: \"make a bar chart of quarterly sales\". The create_chart_artifact tool fits this "
                        + "request, so I will call it.");
        assertThat(streamedContent(chunks)).isEqualTo("Sure — I will create that chart for you.");
        assertThat(parse(streamedArguments(chunks)).path("chart_type").asText()).isEqualTo("bar");
        int lastReasoning = lastIndexWith(chunks, "reasoning_content");
        int firstContent = chunks.indexOf(chunks.stream()
                .filter(chunk -> chunk.at("/choices/0/delta").has("content")).findFirst().orElseThrow());
        assertThat(lastReasoning).isLessThan(firstContent);
    }

    @Test
    void answers_reasoning_in_the_message_when_not_streaming() {
        JsonNode completion = parse(http.chat(request(false, user("[[reasoning]] [[text:Done.]] go"))).body());

        JsonNode message = completion.at("/choices/0/message");
        assertThat(message.path("content").asText()).isEqualTo("Done.");
        assertThat(message.path("reasoning_content").asText())
                .isEqualTo("The user asks: \"go\". I can answer this directly.");
        assertThat(message.has("reasoning")).isFalse();
        assertThat(completion.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(9);
        assertThat(completion.at("/usage/completion_tokens").asInt()).isEqualTo(9 + 1);
    }

    @Test
    void configured_reasoning_field_puts_reasoning_where_openrouter_does() {
        HttpResponse<String> configured = http.postRaw("/_sim/config", "{\"reasoning_field\":\"reasoning\"}", null);
        assertThat(configured.statusCode()).isEqualTo(200);
        assertThat(parse(configured.body()).path("reasoning_field").asText()).isEqualTo("reasoning");

        List<JsonNode> chunks = chunks(http.chat(request(true, user("[[reasoning:Short thought.]] hi"))).body());
        JsonNode message = parse(http.chat(request(false, user("[[reasoning:Short thought.]] hi"))).body())
                .at("/choices/0/message");

        assertThat(reasoning(chunks, "reasoning")).isEqualTo("Short thought.");
        assertThat(reasoning(chunks, "reasoning_content")).isEmpty();
        assertThat(message.path("reasoning").asText()).isEqualTo("Short thought.");
        assertThat(message.has("reasoning_content")).isFalse();
    }

    @Test
    void the_reasoning_field_is_reasoning_content_by_default_and_rejects_other_names() {
        assertThat(parse(http.get("/_sim/config", null).body()).path("reasoning_field").asText())
                .isEqualTo("reasoning_content");

        HttpResponse<String> rejected = http.postRaw("/_sim/config", "{\"reasoning_field\":\"thoughts\"}", null);

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(parse(rejected.body()).at("/error/message").asText()).contains("reasoning");
        assertThat(simulator.config().reasoningField()).isEqualTo("reasoning_content");
    }

    @Test
    void without_the_directive_there_is_no_reasoning_and_usage_has_no_details() {
        List<JsonNode> chunks = chunks(http.chat(request(true, user("hi"))).body());
        JsonNode message = parse(http.chat(request(false, user("hi"))).body());

        assertThat(chunks).noneMatch(chunk -> chunk.at("/choices/0/delta").has("reasoning_content"));
        assertThat(chunks.get(chunks.size() - 1).path("usage").has("completion_tokens_details")).isFalse();
        assertThat(message.at("/choices/0/message").has("reasoning_content")).isFalse();
        assertThat(message.path("usage").has("completion_tokens_details")).isFalse();
    }

    @Test
    void a_fail_directive_wins_over_reasoning() {
        assertThat(http.chat(request(true, user("[[reasoning]] [[fail:503]]"))).statusCode()).isEqualTo(503);
    }

    private static String reasoning(List<JsonNode> chunks, String field) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/delta").path(field).asText("")));
        return text.toString();
    }

    private static int lastIndexWith(List<JsonNode> chunks, String field) {
        int last = -1;
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).at("/choices/0/delta").has(field)) {
                last = i;
            }
        }
        return last;
    }
}
