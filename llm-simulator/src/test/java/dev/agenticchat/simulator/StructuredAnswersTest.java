package dev.agenticchat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Structured output (response_format json_schema) and summaries, through the client agent-service uses. */
class StructuredAnswersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<ChatMessage> CONVERSATION = List.of(
            UserMessage.from("Hi, my name is Ada Lovelace and I am interested in rooftop solar panels."),
            AiMessage.from("Happy to help! How can we reach you?"),
            UserMessage.from("Mail me at ada@example.com or call +44 20 7946 0958. I prefer email."));

    private static LlmSimulator simulator;
    private static ChatModel model;

    @BeforeAll
    static void startSimulator() {
        simulator = LlmSimulator.start("127.0.0.1", 0);
        model = OpenAiChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("test")
                .modelName("sim-1")
                .strictJsonSchema(true)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void answers_a_json_schema_request_with_a_valid_object_holding_the_users_lead_details() throws Exception {
        ChatResponse response = model.chat(leadRequest());

        JsonNode lead = MAPPER.readTree(response.aiMessage().text());
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson()).validate(lead))
                .isEmpty();
        assertThat(lead.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(lead.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(lead.path("phone").asText()).isEqualTo("+44 20 7946 0958");
        assertThat(lead.path("address").isNull()).as("an address the user never gave is null").isTrue();
        assertThat(lead.path("products_and_services")).extracting(JsonNode::asText).containsExactly("rooftop solar panels");
        assertThat(lead.path("preferences")).extracting(JsonNode::asText).containsExactly("email");
        assertThat(simulator.requests().get(simulator.requests().size() - 1).at("/response_format/type").asText())
                .isEqualTo("json_schema");
    }

    @Test
    void streams_the_same_valid_object_when_asked_to_stream() throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        OpenAiStreamingChatModel.builder().baseUrl(simulator.baseUrl()).apiKey("test").modelName("sim-1")
                .strictJsonSchema(true).build()
                .chat(leadRequest(), new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partialResponse) {
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

        JsonNode lead = MAPPER.readTree(done.get(20, TimeUnit.SECONDS).aiMessage().text());
        assertThat(lead.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson()).validate(lead))
                .isEmpty();
    }

    @Test
    void summarises_a_conversation_when_the_system_prompt_asks_and_says_how_many_messages_it_covers() {
        List<ChatMessage> messages = new java.util.ArrayList<>();
        messages.add(SystemMessage.from("Summarize the conversation below in two sentences."));
        messages.addAll(CONVERSATION);

        String summary = model.chat(ChatRequest.builder().messages(messages).build()).aiMessage().text();

        assertThat(summary).contains("3 messages").contains("rooftop solar panels");
        assertThat(model.chat(ChatRequest.builder().messages(messages).build()).aiMessage().text()).isEqualTo(summary);
    }

    @Test
    void quotes_a_directive_inside_a_summarised_conversation_instead_of_obeying_it() {
        String summary = model.chat(ChatRequest.builder().messages(List.of(
                SystemMessage.from("Summarize the conversation."), UserMessage.from("[[fail:500]] hello")))
                .build()).aiMessage().text();

        assertThat(summary).contains("1 messages");
    }

    private static ChatRequest leadRequest() {
        List<ChatMessage> messages = new java.util.ArrayList<>();
        messages.add(SystemMessage.from("Extract the lead profile from the conversation."));
        messages.addAll(CONVERSATION);
        return ChatRequest.builder()
                .messages(messages)
                .responseFormat(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name("lead_profile").rootElement(leadSchema()).build())
                        .build())
                .build();
    }

    private static JsonObjectSchema leadSchema() {
        JsonAnyOfSchema optionalText = JsonAnyOfSchema.builder().anyOf(new JsonStringSchema(), new JsonNullSchema()).build();
        JsonArraySchema texts = JsonArraySchema.builder().items(new JsonStringSchema()).build();
        return JsonObjectSchema.builder()
                .addProperty("name", optionalText)
                .addProperty("email", optionalText)
                .addProperty("phone", optionalText)
                .addProperty("address", optionalText)
                .addProperty("products_and_services", texts)
                .addProperty("preferences", texts)
                .required("name", "email", "phone", "address", "products_and_services", "preferences")
                .additionalProperties(false)
                .build();
    }

    private static JsonNode schemaJson() {
        return MAPPER.valueToTree(JsonSchemaElementUtils.toMap(leadSchema(), true));
    }
}
