package dev.agenticchat.simulator;

/** What the script decided to answer, before it is rendered as a completion. */
sealed interface Reply {

    record Text(String text) implements Reply {
    }

    /** A function call, optionally preceded by some streamed text in the same message. */
    record ToolCall(String preamble, String toolName, String arguments) implements Reply {
    }

    record Failure(int status, String message) implements Reply {
    }
}
