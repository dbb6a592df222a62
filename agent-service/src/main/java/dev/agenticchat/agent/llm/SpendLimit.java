package dev.agenticchat.agent.llm;

/**
 * What one model call may spend before a budget stops it, checked as its answer streams in: the
 * tokens given are estimates (the request's text and the streamed text, four characters a token),
 * because the provider reports real usage only once the answer is complete.
 */
@FunctionalInterface
public interface SpendLimit {
    /** No budget applies. */
    SpendLimit NONE = (target, inputTokens, outputTokens) -> false;

    /** {@code target}: the model answering, whose prices turn tokens into cost. */
    boolean exceededBy(ModelTarget target, long inputTokens, long outputTokens);
}
