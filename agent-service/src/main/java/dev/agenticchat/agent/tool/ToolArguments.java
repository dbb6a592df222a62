package dev.agenticchat.agent.tool;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;

/** Reads the model's raw argument text; a failure says, for the model, what to fix. */
public final class ToolArguments {
    private ToolArguments() {
    }

    /** The arguments as a JSON object, or a failure the model can act on. */
    public static JsonNode object(JsonMapper json, @Nullable String arguments) throws InvalidArgumentsException {
        JsonNode node;
        try {
            node = json.readValue(arguments == null ? "" : arguments, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidArgumentsException("Error: the arguments are not valid JSON (" + e.getMessage()
                    + "). Call the tool again with a JSON object matching its parameters.");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidArgumentsException("Error: the arguments must be a JSON object matching the tool's parameters.");
        }
        return node;
    }

    /** A string property, or null when absent or not a string. */
    @Nullable
    public static String string(JsonNode arguments, String name) {
        JsonNode value = arguments.get(name);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    /** The arguments broke the tool's rules; the message is the tool result. */
    public static final class InvalidArgumentsException extends Exception {
        public InvalidArgumentsException(String message) {
            super(message);
        }

        public ToolOutcome outcome() {
            return ToolOutcome.failed(getMessage());
        }
    }
}
