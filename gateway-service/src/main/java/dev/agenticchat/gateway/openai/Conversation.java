package dev.agenticchat.gateway.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The messages of one request: what came before ({@code earlier}) and the user's new message
 * ({@code question}). OpenAI's API is stateless (every request carries the whole conversation)
 * while the suite keeps threads, so a request either continues a thread of its key whose
 * conversation is exactly {@code earlier} (found by {@link #earlierHash()}), or starts a new one
 * whose first message holds {@code earlier} as a delimited transcript ahead of the question.
 */
record Conversation(List<Message> earlier, String question) {
    static final String USER = "user";
    static final String ASSISTANT = "assistant";

    record Message(String role, String text) {
    }

    Conversation {
        earlier = List.copyOf(earlier);
    }

    /** The conversation a thread holds once this request's answer is in it: the key to continue it. */
    String hashWith(String answer) {
        List<Message> all = new ArrayList<>(earlier);
        all.add(new Message(USER, question));
        all.add(new Message(ASSISTANT, answer));
        return hash(all);
    }

    String earlierHash() {
        return hash(earlier);
    }

    /** The first message of a new thread: the question alone, or the earlier messages as a transcript and then the question. */
    String contentForNewThread() {
        if (earlier.isEmpty()) {
            return question;
        }
        StringBuilder content = new StringBuilder("[Conversation so far, as given with this request]\n");
        for (Message message : earlier) {
            content.append('<').append(message.role()).append(">\n").append(message.text())
                    .append("\n</").append(message.role()).append(">\n");
        }
        return content.append("[End of the conversation so far; the user now says:]\n").append(question).toString();
    }

    /** Role and length before each text, so no two different conversations encode alike. */
    private static String hash(List<Message> messages) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Message message : messages) {
                byte[] text = message.text().getBytes(StandardCharsets.UTF_8);
                digest.update((message.role() + ":" + text.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(text);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
