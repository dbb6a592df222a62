package dev.agenticchat.agent.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import java.util.List;

/**
 * Tokens guessed from characters, about four a token for English text, for what has no reported
 * usage yet: the request of a call and the text it has streamed so far. Rounded up, and the
 * request counted as its JSON, so the guess errs on the side of spending.
 */
final class TokenEstimate {
    private static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    static long ofText(long chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    static long ofMessages(List<ChatMessage> messages) {
        return messages.isEmpty() ? 0 : ofText(ChatMessageSerializer.messagesToJson(messages).length());
    }
}
