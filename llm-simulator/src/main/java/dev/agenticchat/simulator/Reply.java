package dev.agenticchat.simulator;

/**
 * What the script decided to answer, before it is rendered as a completion. The reasoning, empty when the model is
 * not asked to reason, is what a reasoning model thinks before it answers.
 */
sealed interface Reply {

    record Text(String text, String reasoning) implements Reply {

        Text(String text) {
            this(text, "");
        }
    }

    /** A function call, optionally preceded by some streamed text in the same message. */
    record ToolCall(String preamble, String toolName, String arguments, String reasoning) implements Reply {

        ToolCall(String preamble, String toolName, String arguments) {
            this(preamble, toolName, arguments, "");
        }
    }

    record Failure(int status, String message) implements Reply {
    }
}
