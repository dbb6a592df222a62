package dev.agenticchat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
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

/** Proves the Anthropic wire format against langchain4j-anthropic, the client an Anthropic-provider agent uses. */
class AnthropicLangChain4jCompatibilityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_TOKENS = 4096;
    private static final int THINKING_BUDGET = 1024;

    private static LlmSimulator simulator;
    private static StreamingChatModel streaming;
    private static StreamingChatModel thinking;
    private static ChatModel blocking;

    private record Streamed(List<String> partials, List<String> thinking, ChatResponse response) {

        String text() {
            return String.join("", partials);
        }
    }

    @BeforeAll
    static void startSimulator() {
        simulator = LlmSimulator.start("127.0.0.1", 0);
        // The client joins baseUrl and "messages" with one slash, so ".../v1" and ".../v1/" both work.
        streaming = AnthropicStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("test")
                .modelName("claude-sim")
                .maxTokens(MAX_TOKENS)
                .timeout(Duration.ofSeconds(20))
                .build();
        thinking = AnthropicStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl() + "/")
                .apiKey("test")
                .modelName("claude-sim")
                .maxTokens(MAX_TOKENS)
                .thinkingType("enabled")
                .thinkingBudgetTokens(THINKING_BUDGET)
                .returnThinking(true)
                .timeout(Duration.ofSeconds(20))
                .build();
        blocking = AnthropicChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("test")
                .modelName("claude-sim")
                .maxTokens(MAX_TOKENS)
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
    void streams_text_word_by_word_with_usage_and_the_system_prompt_recorded() throws Exception {
        Streamed streamed = chat(streaming, List.of(SystemMessage.from("You are Sam, the sales agent."),
                UserMessage.from("hello there, simulator")));

        assertThat(streamed.partials()).containsExactly("You ", "said: ", "hello ", "there, ", "simulator");
        ChatResponse response = streamed.response();
        assertThat(response.aiMessage().text()).isEqualTo("You said: hello there, simulator");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().inputTokenCount())
                .isEqualTo(("You are Sam, the sales agent.".length() + "hello there, simulator".length()) / 4);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(5);
        assertThat(response.metadata().id()).startsWith("msg_");
        assertThat(response.metadata().modelName()).isEqualTo("claude-sim");

        JsonNode recorded = simulator.requests().get(0);
        assertThat(recorded.path("api").asText()).isEqualTo("anthropic");
        assertThat(recorded.path("model").asText()).isEqualTo("claude-sim");
        assertThat(recorded.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(recorded.at("/messages/0/content").asText()).isEqualTo("You are Sam, the sales agent.");
        assertThat(recorded.at("/tools/0/function/name").asText()).isEqualTo("create_chart_artifact");
    }

    @Test
    void streams_a_tool_call_round_trip_that_repairs_a_rejected_call_and_summarises_the_artifact() throws Exception {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(UserMessage.from("[[tool:create_chart_artifact:invalid]] chart the quarterly sales"));

        Streamed first = chat(streaming, conversation);
        assertThat(first.text()).isEqualTo("Sure — I will create that chart for you.");
        assertThat(first.response().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        AiMessage invalidCall = first.response().aiMessage();
        ToolExecutionRequest invalid = invalidCall.toolExecutionRequests().get(0);
        assertThat(invalid.id()).startsWith("toolu_");
        assertThat(invalid.name()).isEqualTo("create_chart_artifact");
        JsonNode invalidArguments = MAPPER.readTree(invalid.arguments());
        assertThat(invalidArguments.at("/datasets/0/data").size())
                .isEqualTo(invalidArguments.path("labels").size() - 1);

        conversation.add(invalidCall);
        conversation.add(ToolExecutionResultMessage.builder().id(invalid.id()).toolName(invalid.name())
                .text("datasets[0].data must have one value per label").isError(true).build());
        AiMessage repairedCall = chat(streaming, conversation).response().aiMessage();
        ToolExecutionRequest repaired = repairedCall.toolExecutionRequests().get(0);
        JsonNode validArguments = MAPPER.readTree(repaired.arguments());
        assertThat(validArguments.at("/datasets/0/data").size()).isEqualTo(validArguments.path("labels").size());

        conversation.add(repairedCall);
        conversation.add(ToolExecutionResultMessage.from(repaired,
                "{\"id\":\"art-1\",\"type\":\"chart\",\"title\":\"Quarterly sales\"}"));
        Streamed summary = chat(streaming, conversation);
        assertThat(summary.text()).isEqualTo("I created the chart artifact \"Quarterly sales\" for you.");
        assertThat(summary.response().aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(simulator.requests().get(1).at("/messages/2/is_error").asBoolean()).isTrue();
    }

    @Test
    void an_image_part_is_recorded_as_an_image_url_beside_the_text() throws Exception {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        chat(streaming, List.of(UserMessage.from(TextContent.from("what is on it?"), ImageContent.from(png, "image/png"))));

        JsonNode user = simulator.requests().get(0).at("/messages/0");
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.at("/content/0/text").asText()).isEqualTo("what is on it?");
        assertThat(user.at("/content/1/type").asText()).isEqualTo("image_url");
        assertThat(user.at("/content/1/image_url/url").asText()).isEqualTo("data:image/png;base64," + png);
    }

    @Test
    void the_blocking_model_gets_text_a_tool_call_and_usage() {
        ChatResponse text = blocking.chat(ChatRequest.builder()
                .messages(List.of(UserMessage.from("hello")))
                .toolSpecifications(LangChain4jCompatibilityTest.chartTool())
                .build());
        assertThat(text.aiMessage().text()).isEqualTo("You said: hello");
        assertThat(text.tokenUsage().outputTokenCount()).isEqualTo(3);

        ChatResponse call = blocking.chat(ChatRequest.builder()
                .messages(List.of(UserMessage.from("make a bar chart of quarterly sales")))
                .toolSpecifications(LangChain4jCompatibilityTest.chartTool())
                .build());
        assertThat(call.aiMessage().text()).isEqualTo("Sure — I will create that chart for you.");
        assertThat(call.aiMessage().toolExecutionRequests()).singleElement()
                .satisfies(request -> assertThat(request.name()).isEqualTo("create_chart_artifact"));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(call.tokenUsage().totalTokenCount())
                .isEqualTo(call.tokenUsage().inputTokenCount() + call.tokenUsage().outputTokenCount());
    }

    @Test
    void thinking_arrives_through_on_partial_thinking_before_the_text_when_enabled() throws Exception {
        Streamed streamed = chat(thinking, List.of(UserMessage.from("[[reasoning:Weigh it up.]] hello")));

        assertThat(streamed.thinking()).containsExactly("Weigh ", "it ", "up.");
        assertThat(streamed.text()).isEqualTo("You said: hello");
        AiMessage message = streamed.response().aiMessage();
        assertThat(message.thinking()).isEqualTo("Weigh it up.");
        assertThat(message.attributes()).containsKey("thinking_signature");
        assertThat(streamed.response().tokenUsage().outputTokenCount()).isEqualTo(3 + 3);
        JsonNode recorded = simulator.requests().get(0);
        assertThat(recorded.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(recorded.at("/thinking/budget_tokens").asInt()).isEqualTo(THINKING_BUDGET);
    }

    @Test
    void thinking_is_sent_back_with_its_signature_and_accepted_on_the_next_turn() throws Exception {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(UserMessage.from("[[reasoning]] make a bar chart of quarterly sales"));
        AiMessage call = chat(thinking, conversation).response().aiMessage();
        assertThat(call.thinking()).startsWith("The user asks: \"make a bar chart of quarterly sales\".");
        assertThat(call.toolExecutionRequests()).hasSize(1);

        conversation.add(call);
        conversation.add(ToolExecutionResultMessage.from(call.toolExecutionRequests().get(0),
                "{\"id\":\"art-1\",\"type\":\"chart\",\"title\":\"Quarterly sales\"}"));
        Streamed answer = chat(thinking, conversation);

        assertThat(answer.text()).isEqualTo("I created the chart artifact \"Quarterly sales\" for you.");
        JsonNode sentBack = simulator.requests().get(1).at("/messages/1");
        assertThat(sentBack.path("role").asText()).isEqualTo("assistant");
        assertThat(sentBack.path("reasoning_content").asText()).isEqualTo(call.thinking());
    }

    @Test
    void an_injected_overload_reaches_the_client_as_an_error() {
        simulator.configure(new SimulatorConfig(0, 0, 1, 529));

        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(ChatRequest.builder().messages(List.of(UserMessage.from("hi"))).build(),
                handler(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), done));

        assertThat(done).failsWithin(Duration.ofSeconds(30))
                .withThrowableThat().withMessageContaining("overloaded_error");
    }

    private static Streamed chat(StreamingChatModel model, List<ChatMessage> messages) throws Exception {
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .toolSpecifications(LangChain4jCompatibilityTest.chartTool())
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        List<String> thoughts = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(request, handler(partials, thoughts, done));
        return new Streamed(partials, thoughts, done.get(30, TimeUnit.SECONDS));
    }

    private static StreamingChatResponseHandler handler(List<String> partials, List<String> thoughts,
                                                        CompletableFuture<ChatResponse> done) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.add(partialResponse);
            }

            @Override
            public void onPartialThinking(PartialThinking partialThinking) {
                thoughts.add(partialThinking.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }
}
