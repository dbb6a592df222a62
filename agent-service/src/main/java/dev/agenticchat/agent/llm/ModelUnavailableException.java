package dev.agenticchat.agent.llm;

/** The model could not answer, even after retries; the message is fit to show to the user. */
public class ModelUnavailableException extends Exception {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
