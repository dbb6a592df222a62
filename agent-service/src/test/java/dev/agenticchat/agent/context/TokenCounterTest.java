package dev.agenticchat.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private final Tokenizers tokenizers = new Tokenizers(settings(700));

    private static ContextSettings settings(int imageTokens) {
        ContextSettings settings = new ContextSettings();
        settings.setImageTokens(imageTokens);
        return settings;
    }

    @Test
    void picks_the_encoding_of_the_agents_model_and_the_default_for_models_jtokkit_does_not_know() {
        assertThat(tokenizers.forModel("gpt-4o-mini").encoding()).isEqualTo("o200k_base");
        assertThat(tokenizers.forModel("gpt-4.1-nano").encoding()).isEqualTo("o200k_base");
        assertThat(tokenizers.forModel("gpt-5").encoding()).isEqualTo("o200k_base");
        assertThat(tokenizers.forModel("o4-mini").encoding()).isEqualTo("o200k_base");
        assertThat(tokenizers.forModel("gpt-4").encoding()).isEqualTo("cl100k_base");
        assertThat(tokenizers.forModel("gpt-3.5-turbo").encoding()).isEqualTo("cl100k_base");
        assertThat(tokenizers.forModel("claude-sonnet-4-5").encoding()).isEqualTo("o200k_base");
        assertThat(tokenizers.forModel("sim-1").encoding()).isEqualTo("o200k_base");

        ContextSettings cl100k = settings(700);
        cl100k.setDefaultEncoding("cl100k_base");
        assertThat(new Tokenizers(cl100k).forModel("sim-1").encoding()).isEqualTo("cl100k_base");
    }

    @Test
    void counts_the_text_of_a_message_with_the_encoding_plus_its_framing() {
        String text = "The quarterly revenue grew by 12 percent, mostly in the northern region.";
        TokenCounter gpt4o = tokenizers.forModel("gpt-4o");
        TokenCounter gpt4 = tokenizers.forModel("gpt-4");

        assertThat(gpt4o.message(SystemMessage.from(text))).isEqualTo(O200K.countTokens(text) + TokenCounter.PER_MESSAGE);
        assertThat(gpt4.message(UserMessage.from(text))).isEqualTo(CL100K.countTokens(text) + TokenCounter.PER_MESSAGE);
        assertThat(gpt4o.message(AiMessage.from(text))).isEqualTo(O200K.countTokens(text) + TokenCounter.PER_MESSAGE);
    }

    @Test
    void counts_every_text_of_a_multimodal_message_and_each_image_as_the_configured_estimate() {
        TokenCounter counter = tokenizers.forModel("gpt-4o");
        UserMessage message = UserMessage.from(List.of(TextContent.from("What is in these two pictures?"),
                TextContent.from("Attached document: a page of minutes about the budget."),
                ImageContent.from("https://example.com/a.png"), ImageContent.from("https://example.com/b.png")));

        assertThat(counter.message(message)).isEqualTo(TokenCounter.PER_MESSAGE
                + O200K.countTokens("What is in these two pictures?")
                + O200K.countTokens("Attached document: a page of minutes about the budget.") + 2 * 700);
    }

    @Test
    void counts_tool_call_arguments_tool_results_and_the_offered_tool_specifications() {
        TokenCounter counter = tokenizers.forModel("gpt-4o");
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1").name("calculate")
                .arguments("{\"expression\":\"12 * (3 + 4)\"}").build();
        ToolSpecification calculate = ToolSpecification.builder().name("calculate")
                .description("Evaluates an arithmetic expression.")
                .parameters(JsonObjectSchema.builder().addStringProperty("expression", "the expression").required("expression")
                        .build())
                .build();

        assertThat(counter.message(AiMessage.from(List.of(call)))).isEqualTo(TokenCounter.PER_MESSAGE + TokenCounter.PER_TOOL
                + O200K.countTokens("call_1") + O200K.countTokens("calculate")
                + O200K.countTokens("{\"expression\":\"12 * (3 + 4)\"}"));
        assertThat(counter.message(ToolExecutionResultMessage.from(call, "84"))).isEqualTo(TokenCounter.PER_MESSAGE
                + O200K.countTokens("call_1") + O200K.countTokens("calculate") + O200K.countTokens("84"));
        assertThat(counter.tools(List.of(calculate))).isEqualTo(TokenCounter.PER_TOOL + O200K.countTokens(calculate.toJson()))
                .isGreaterThan(O200K.countTokens("the expression") + O200K.countTokens("Evaluates an arithmetic expression."));

        List<ChatMessage> prompt = List.of(SystemMessage.from("Be brief."), UserMessage.from("12 * (3 + 4)?"));
        assertThat(counter.prompt(prompt, List.of(calculate))).isEqualTo(counter.message(prompt.get(0))
                + counter.message(prompt.get(1)) + counter.tools(List.of(calculate)) + TokenCounter.PER_REPLY);
    }

    @Test
    void truncates_a_text_to_whole_tokens() {
        TokenCounter counter = tokenizers.forModel("gpt-4o");
        String text = "one two three four five six seven eight nine ten";

        String cut = counter.truncate(text, 4);

        assertThat(counter.text(cut)).isEqualTo(4);
        assertThat(text).startsWith(cut);
        assertThat(counter.truncate(text, 100)).isEqualTo(text);
    }

    @Test
    void a_text_counted_again_from_the_cache_counts_the_same_and_the_cache_stays_bounded() {
        TokenCounter counter = tokenizers.forModel("gpt-4o");
        String history = "The board met on Tuesday and agreed the budget for the northern region, with two abstentions. ".repeat(4);
        int first = counter.text(history);
        assertThat(first).isEqualTo(O200K.countTokens(history));
        assertThat(counter.text(new String(history.toCharArray()))).as("an equal text read again").isEqualTo(first);
        assertThat(counter.text(history + " Adjourned.")).isEqualTo(O200K.countTokens(history + " Adjourned."));

        // Far more text than a cache of 1,000 characters holds: every count still right, the cache bounded.
        TokenCounter small = new TokenCounter(O200K, 700, 1_000);
        for (int i = 0; i < 50; i++) {
            String text = i + " " + history;
            assertThat(small.text(text)).isEqualTo(O200K.countTokens(text));
            assertThat(small.cachedChars()).isLessThanOrEqualTo(1_000);
        }
        assertThat(small.text(history)).isEqualTo(first);
    }
}
