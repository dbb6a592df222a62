package dev.agenticchat.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
    private static Conversation.Message m(String role, String text) {
        return new Conversation.Message(role, text);
    }

    @Test
    void the_next_request_of_a_conversation_finds_the_thread_its_answer_was_recorded_for() {
        Conversation first = new Conversation(List.of(m("system", "Be brief.")), "Hi");
        String recorded = first.hashWith("Hello!");

        Conversation next = new Conversation(List.of(m("system", "Be brief."), m("user", "Hi"), m("assistant", "Hello!")), "And?");

        assertThat(next.earlierHash()).isEqualTo(recorded);
        assertThat(new Conversation(List.of(m("system", "Be brief."), m("user", "Hi"), m("assistant", "Hello")), "And?").earlierHash())
                .as("another answer is another conversation").isNotEqualTo(recorded);
    }

    @Test
    void messages_that_only_concatenate_alike_hash_apart() {
        assertThat(new Conversation(List.of(m("user", "ab"), m("assistant", "c")), "x").earlierHash())
                .isNotEqualTo(new Conversation(List.of(m("user", "a"), m("assistant", "bc")), "x").earlierHash());
        assertThat(new Conversation(List.of(m("user", "a")), "x").earlierHash())
                .isNotEqualTo(new Conversation(List.of(m("system", "a")), "x").earlierHash());
    }

    @Test
    void a_new_thread_gets_the_earlier_messages_as_a_delimited_transcript_before_the_question() {
        assertThat(new Conversation(List.of(), "Hi").contentForNewThread()).isEqualTo("Hi");
        assertThat(new Conversation(List.of(m("system", "Be brief."), m("user", "Hi"), m("assistant", "Hello!")), "And?")
                .contentForNewThread()).isEqualTo("""
                [Conversation so far, as given with this request]
                <system>
                Be brief.
                </system>
                <user>
                Hi
                </user>
                <assistant>
                Hello!
                </assistant>
                [End of the conversation so far; the user now says:]
                And?""");
    }
}
