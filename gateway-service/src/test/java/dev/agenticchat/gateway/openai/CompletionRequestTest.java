package dev.agenticchat.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionRequestTest {
    private final JsonMapper json = JsonMapper.createDefault();

    private CompletionRequest parse(String body) {
        return CompletionRequest.parse(json, body);
    }

    private static OpenAiError.Detail refusal(Runnable parse) {
        try {
            parse.run();
        } catch (OpenAiError error) {
            assertThat(error.status().getCode()).isEqualTo(400);
            return error.body().error();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void splits_the_messages_into_what_came_before_and_the_users_new_message() {
        CompletionRequest request = parse("""
                {"model":"sales","stream":true,"stream_options":{"include_usage":true},"temperature":0.2,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
                             {"role":"assistant","content":"Hello!"},
                             {"role":"user","content":[{"type":"text","text":"Which plan?"},{"type":"text","text":"Cheap one."}]}]}""");

        assertThat(request.model()).isEqualTo("sales");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.conversation().earlier()).containsExactly(new Conversation.Message("system", "Be brief."),
                new Conversation.Message("user", "Hi"), new Conversation.Message("assistant", "Hello!"));
        assertThat(request.conversation().question()).isEqualTo("Which plan?\n\nCheap one.");
    }

    @Test
    void is_not_streamed_unless_asked() {
        CompletionRequest request = parse("{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(request.stream()).isFalse();
        assertThat(request.includeUsage()).isFalse();
        assertThat(request.conversation().earlier()).isEmpty();
    }

    @Test
    void refuses_what_it_cannot_honour_naming_the_parameter() {
        assertThat(refusal(() -> parse("not json")).param()).isNull();
        assertThat(refusal(() -> parse("[]")).type()).isEqualTo("invalid_request_error");
        assertThat(refusal(() -> parse("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).param()).isEqualTo("model");
        assertThat(refusal(() -> parse("{\"model\":\"a\",\"messages\":[]}")).param()).isEqualTo("messages");
        assertThat(refusal(() -> parse("{\"model\":\"a\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).param())
                .isEqualTo("n");
        assertThat(refusal(() -> parse("""
                {"model":"a","tools":[{"type":"function","function":{"name":"f"}}],"messages":[{"role":"user","content":"Hi"}]}""")).param())
                .isEqualTo("tools");
        assertThat(refusal(() -> parse("{\"model\":\"a\",\"messages\":[{\"role\":\"tool\",\"content\":\"42\"}]}")).param())
                .isEqualTo("messages[0].role");
        assertThat(refusal(() -> parse("""
                {"model":"a","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""")).param())
                .isEqualTo("messages[0].content[0]");
        assertThat(refusal(() -> parse("""
                {"model":"a","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}""")).param())
                .isEqualTo("messages[1]");
        assertThat(refusal(() -> parse("{\"model\":\"a\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .param()).isEqualTo("stream");
    }

    @Test
    void accepts_an_empty_tools_list_and_n_of_one() {
        assertThat(parse("{\"model\":\"a\",\"n\":1,\"tools\":[],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").model())
                .isEqualTo("a");
        assertThatThrownBy(() -> parse(null)).isInstanceOf(OpenAiError.class);
        assertThat(List.of()).isEmpty();
    }
}
