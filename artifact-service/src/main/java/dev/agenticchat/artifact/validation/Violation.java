package dev.agenticchat.artifact.validation;

/**
 * One thing wrong with an artifact's content: {@code field} is a JSON Pointer into the
 * content ({@code /datasets/0/data}), {@code message} says what is wrong in words a model
 * can act on.
 */
public record Violation(String field, String message) {
}
