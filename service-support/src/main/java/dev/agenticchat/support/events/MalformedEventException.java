package dev.agenticchat.support.events;

/** A record that can never be processed (missing attributes, unknown type, bad JSON): it goes to the DLQ at once. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
