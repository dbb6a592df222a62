package dev.agenticchat.artifact.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A rule JSON Schema cannot express, relating one field of the content to another. Every
 * rule is also stated in the type schema's {@code description}, so the model that fills
 * the tool parameters knows it. Rules see content that may already break the schema and
 * judge only what they can make sense of.
 */
@FunctionalInterface
public interface CrossFieldRule {
    List<Violation> check(JsonNode content);
}
