package dev.agenticchat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Proves the wire format against the client the agent-service actually uses. */
class LangChain4jCompatibilityTest {

    @Test
    void langchain4j_streams_the_preamble_and_receives_a_parsable_chart_tool_call_with_usage() throws Exception {
        try (LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0)) {
            StreamingChatModel model = OpenAiStreamingChatModel.builder()
                    .baseUrl(simulator.baseUrl())
                    .apiKey("test")
                    .modelName("sim-1")
                    .timeout(Duration.ofSeconds(20))
                    .build();
            ChatRequest request = ChatRequest.builder()
                    .messages(UserMessage.from("make a bar chart of quarterly sales"))
                    .toolSpecifications(chartTool())
                    .build();
            List<String> partials = new CopyOnWriteArrayList<>();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();

            model.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partialResponse) {
                    partials.add(partialResponse);
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
            ChatResponse response = done.get(30, TimeUnit.SECONDS);

            assertThat(partials).hasSizeGreaterThan(1);
            assertThat(String.join("", partials)).isEqualTo("Sure — I will create that chart for you.");
            assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
            ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
            assertThat(call.name()).isEqualTo("create_chart_artifact");
            assertThat(call.id()).startsWith("call_");
            assertThat(new ObjectMapper().readTree(call.arguments()).path("chart_type").asText()).isEqualTo("bar");
            assertThat(response.tokenUsage()).isNotNull();
            assertThat(response.tokenUsage().totalTokenCount()).isPositive();
            assertThat(simulator.requests()).hasSize(1);
            assertThat(simulator.requests().get(0).at("/tools/0/function/name").asText())
                    .isEqualTo("create_chart_artifact");
        }
    }

    private static ToolSpecification chartTool() {
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
