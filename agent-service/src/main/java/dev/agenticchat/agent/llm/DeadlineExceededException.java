package dev.agenticchat.agent.llm;

/** The turn ran out of time. */
public class DeadlineExceededException extends Exception {
    public DeadlineExceededException() {
        super("the turn took longer than its time limit");
    }
}
