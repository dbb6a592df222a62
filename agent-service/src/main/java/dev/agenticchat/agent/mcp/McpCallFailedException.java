package dev.agenticchat.agent.mcp;

/** A tool call of an MCP server ended without a result: the message says why, for the model. */
class McpCallFailedException extends Exception {
    McpCallFailedException(String message) {
        super(message);
    }
}
