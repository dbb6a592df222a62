package dev.agenticchat.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply cut into the pieces it is streamed in; the non-streaming response is the same pieces joined, so both
 * modes report identical usage.
 *
 * @param toolCall the function call ending the message, or null for a plain text answer
 */
record Completion(String id, long created, String model, List<String> contentPieces, ToolCallPlan toolCall,
                  int promptTokens) {

    /** Short pieces resemble the way OpenAI streams arguments a few tokens at a time. */
    private static final int ARGUMENT_PIECE_CHARS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    record ToolCallPlan(String id, String name, List<String> argumentPieces) {

        String arguments() {
            return String.join("", argumentPieces);
        }
    }

    static Completion of(ChatRequest request, Reply reply) {
        String id = "chatcmpl-" + randomId(24);
        long created = Instant.now().getEpochSecond();
        if (reply instanceof Reply.ToolCall call) {
            ToolCallPlan plan = new ToolCallPlan("call_" + randomId(24), call.toolName(),
                    pieces(call.arguments(), ARGUMENT_PIECE_CHARS));
            return new Completion(id, created, request.model(), words(call.preamble()), plan, request.promptTokens());
        }
        if (reply instanceof Reply.Text text) {
            return new Completion(id, created, request.model(), words(text.text()), null, request.promptTokens());
        }
        throw new IllegalArgumentException("failures are answered as errors, not completions: " + reply);
    }

    String content() {
        return String.join("", contentPieces);
    }

    boolean hasToolCall() {
        return toolCall != null;
    }

    String finishReason() {
        return hasToolCall() ? "tool_calls" : "stop";
    }

    int completionTokens() {
        return contentPieces.size() + (hasToolCall() ? toolCall.argumentPieces().size() : 0);
    }

    /** One piece per word, each keeping the whitespace that follows it, so the pieces concatenate to the text. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.split("(?<=\\s)(?=\\S)")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    private static List<String> pieces(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return List.copyOf(pieces);
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
