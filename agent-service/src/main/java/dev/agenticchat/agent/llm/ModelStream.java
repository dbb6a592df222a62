package dev.agenticchat.agent.llm;

/** Where a streamed answer goes as it arrives: its text, and the model's reasoning when it shares it. */
public interface ModelStream {
    void text(String text);

    void reasoning(String text);
}
