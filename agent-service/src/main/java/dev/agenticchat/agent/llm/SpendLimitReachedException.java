package dev.agenticchat.agent.llm;

/** A budget ran out while the model streamed its answer: the stream was abandoned, its estimated tokens logged. */
public class SpendLimitReachedException extends Exception {
    public SpendLimitReachedException() {
        super("a budget was used up while the answer streamed");
    }
}
