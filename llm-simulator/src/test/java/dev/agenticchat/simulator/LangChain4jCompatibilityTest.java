package dev.agenticchat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves the wire format against the client the agent-service actually uses. */
class LangChain4jCompatibilityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static LlmSimulator simulator;
    private static StreamingChatModel model;
    private static StreamingChatModel thinkingModel;

    private record Streamed(List<String> partials, List<String> thinking, ChatResponse response) {

        String text() {
            return String.join("", partials);
        }
    }

    @BeforeAll
    static void startSimulator() {
        simulator = LlmSimulator.start("127.0.0.1", 0);
        model = OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("test")
                .modelName("sim-1")
                .timeout(Duration.ofSeconds(20))
                .build();
        thinkingModel = OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("test")
                .modelName("sim-1")
                .returnThinking(true)
                .timeout(Duration.ofSeconds(20))
                .build();
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
    void langchain4j_streams_the_preamble_and_receives_a_parsable_chart_tool_call_with_usage() throws Exception {
        Streamed streamed = chat(List.of(UserMessage.from("make a bar chart of quarterly sales")));

        assertThat(streamed.partials()).hasSizeGreaterThan(1);
        assertThat(streamed.text()).isEqualTo("Sure — I will create that chart for you.");
        ChatResponse response = streamed.response();
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.name()).isEqualTo("create_chart_artifact");
        assertThat(call.id()).startsWith("call_");
        assertThat(MAPPER.readTree(call.arguments()).path("chart_type").asText()).isEqualTo("bar");
        assertThat(response.tokenUsage()).isNotNull();
        assertThat(response.tokenUsage().totalTokenCount()).isPositive();
        assertThat(simulator.requests()).singleElement()
                .satisfies(body -> assertThat(body.at("/tools/0/function/name").asText())
                        .isEqualTo("create_chart_artifact"));
    }

    @Test
    void langchain4j_conversation_repairs_a_rejected_tool_call_and_then_summarises_the_artifact() throws Exception {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(UserMessage.from("[[tool:create_chart_artifact:invalid]] chart the quarterly sales"));

        AiMessage invalidCall = chat(conversation).response().aiMessage();
        JsonNode invalidArguments = MAPPER.readTree(invalidCall.toolExecutionRequests().get(0).arguments());
        assertThat(invalidArguments.at("/datasets/0/data").size())
                .isEqualTo(invalidArguments.path("labels").size() - 1);

        conversation.add(invalidCall);
        conversation.add(ToolExecutionResultMessage.from(invalidCall.toolExecutionRequests().get(0),
                "{\"status\":422,\"errors\":[\"datasets[0].data must have one value per label\"]}"));
        AiMessage repairedCall = chat(conversation).response().aiMessage();
        ToolExecutionRequest repaired = repairedCall.toolExecutionRequests().get(0);
        JsonNode validArguments = MAPPER.readTree(repaired.arguments());
        assertThat(validArguments.at("/datasets/0/data").size()).isEqualTo(validArguments.path("labels").size());

        conversation.add(repairedCall);
        conversation.add(ToolExecutionResultMessage.from(repaired,
                "{\"id\":\"art-1\",\"type\":\"chart\",\"title\":\"Quarterly sales\"}"));
        Streamed summary = chat(conversation);
        assertThat(summary.text()).isEqualTo("I created the chart artifact \"Quarterly sales\" for you.");
        assertThat(summary.response().aiMessage().hasToolExecutionRequests()).isFalse();
    }

    @Test
    void langchain4j_receives_reasoning_content_as_partial_thinking_before_the_text() throws Exception {
        Streamed streamed = chat(thinkingModel, List.of(UserMessage.from("[[reasoning:Weigh it up.]] hello")));

        assertThat(streamed.thinking()).containsExactly("Weigh ", "it ", "up.");
        assertThat(streamed.text()).isEqualTo("You said: hello");
        assertThat(streamed.response().aiMessage().thinking()).isEqualTo("Weigh it up.");
        assertThat(streamed.response().aiMessage().text()).isEqualTo("You said: hello");
        assertThat(streamed.response().tokenUsage().outputTokenCount()).isEqualTo(3 + 3);
    }

    @Test
    void langchain4j_also_reads_reasoning_from_the_openrouter_style_reasoning_field() throws Exception {
        simulator.configure(SimulatorConfig.defaults().withReasoningField(SimulatorConfig.REASONING));

        Streamed streamed = chat(thinkingModel, List.of(UserMessage.from("[[reasoning:Weigh it up.]] hello")));

        assertThat(streamed.thinking()).containsExactly("Weigh ", "it ", "up.");
        assertThat(streamed.response().aiMessage().thinking()).isEqualTo("Weigh it up.");
    }

    @Test
    void langchain4j_without_return_thinking_gets_only_the_text() throws Exception {
        Streamed streamed = chat(List.of(UserMessage.from("[[reasoning:Weigh it up.]] hello")));

        assertThat(streamed.thinking()).isEmpty();
        assertThat(streamed.text()).isEqualTo("You said: hello");
        assertThat(streamed.response().aiMessage().thinking()).isNull();
    }

    private static Streamed chat(List<ChatMessage> messages) throws Exception {
        return chat(model, messages);
    }

    private static Streamed chat(StreamingChatModel chatModel, List<ChatMessage> messages) throws Exception {
        ChatRequest request = ChatRequest.builder().messages(messages).toolSpecifications(chartTool()).build();
        List<String> partials = new CopyOnWriteArrayList<>();
        List<String> thinking = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        chatModel.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.add(partialResponse);
            }

            @Override
            public void onPartialThinking(PartialThinking partialThinking) {
                thinking.add(partialThinking.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return new Streamed(partials, thinking, done.get(30, TimeUnit.SECONDS));
    }

    static ToolSpecification chartTool() {
        JsonObjectSchema dataset = JsonObjectSchema.builder()
                .addStringProperty("label")
                .addProperty("data", JsonArraySchema.builder().items(new JsonNumberSchema()).build())
                .required("label", "data")
                .build();
        return ToolSpecification.builder()
                .name("create_chart_artifact")
                .description("Creates a chart artifact")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("title")
                        .addEnumProperty("chart_type", List.of("bar", "line", "pie"))
                        .addProperty("labels", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                        .addProperty("datasets", JsonArraySchema.builder().items(dataset).build())
                        .addStringProperty("x_axis_title")
                        .addStringProperty("y_axis_title")
                        .required("title", "chart_type", "labels", "datasets")
                        .build())
                .build();
    }
}
