package dev.agenticchat.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply cut into the pieces it is streamed in; the non-streaming response is the same pieces joined, so both
 * modes report identical usage.
 *
 * @param reasoningPieces what the model thinks before it answers, one piece per word; empty when it does not reason
 * @param toolCall        the function call ending the message, or null for a plain text answer
 * @param truncated       whether the answer was cut at the request's token limit
 */
record Completion(String id, long created, String model, List<String> reasoningPieces, List<String> contentPieces,
                  ToolCallPlan toolCall, int promptTokens, boolean truncated) {

    /** Short pieces resemble the way OpenAI streams arguments a few tokens at a time. */
    private static final int ARGUMENT_PIECE_CHARS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_CHARS = 24;

    record ToolCallPlan(String id, String name, List<String> argumentPieces) {

        String arguments() {
            return String.join("", argumentPieces);
        }
    }

    /** A completion with OpenAI's ids ({@code chatcmpl-…}, {@code call_…}). */
    static Completion of(ChatRequest request, Reply reply) {
        return of(request, reply, "chatcmpl-", "call_");
    }

    static Completion of(ChatRequest request, Reply reply, String idPrefix, String toolCallIdPrefix) {
        String id = idPrefix + randomId(ID_CHARS);
        long created = Instant.now().getEpochSecond();
        if (reply instanceof Reply.ToolCall call) {
            ToolCallPlan plan = new ToolCallPlan(toolCallIdPrefix + randomId(ID_CHARS), call.toolName(),
                    pieces(call.arguments(), ARGUMENT_PIECE_CHARS));
            return new Completion(id, created, request.model(), words(call.reasoning()), words(call.preamble()), plan,
                    request.promptTokens(), false);
        }
        if (reply instanceof Reply.Text text) {
            return new Completion(id, created, request.model(), words(text.reasoning()), words(text.text()), null,
                    request.promptTokens(), false);
        }
        throw new IllegalArgumentException("failures are answered as errors, not completions: " + reply);
    }

    /** The same answer from a model that was not asked to show its reasoning. */
    Completion withoutReasoning() {
        return new Completion(id, created, model, List.of(), contentPieces, toolCall, promptTokens, truncated);
    }

    /**
     * The answer as far as {@code maxTokens} pieces reach, reasoning first; a function call that does not fit
     * whole is dropped, since its arguments would not parse.
     */
    Completion limitedTo(int maxTokens) {
        if (completionTokens() <= maxTokens) {
            return this;
        }
        List<String> reasoning = reasoningPieces.subList(0, Math.min(maxTokens, reasoningPieces.size()));
        int left = maxTokens - reasoning.size();
        List<String> content = contentPieces.subList(0, Math.min(left, contentPieces.size()));
        return new Completion(id, created, model, List.copyOf(reasoning), List.copyOf(content), null, promptTokens,
                true);
    }

    String reasoning() {
        return String.join("", reasoningPieces);
    }

    boolean hasReasoning() {
        return !reasoningPieces.isEmpty();
    }

    String content() {
        return String.join("", contentPieces);
    }

    boolean hasToolCall() {
        return toolCall != null;
    }

    String finishReason() {
        if (truncated) {
            return "length";
        }
        return hasToolCall() ? "tool_calls" : "stop";
    }

    int completionTokens() {
        return reasoningTokens() + contentPieces.size() + (hasToolCall() ? toolCall.argumentPieces().size() : 0);
    }

    int reasoningTokens() {
        return reasoningPieces.size();
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
