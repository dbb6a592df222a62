package dev.agenticchat.agent.mcp;

/**
 * An MCP server could not be used: not reached, refused, too slow, or it failed the request. The
 * message says what happened for a tenant admin (it may quote the server, so redact the headers
 * before showing it); {@code cached}: the failure was found earlier and is being reused.
 */
class McpUnavailableException extends Exception {
    private final boolean cached;

    McpUnavailableException(String message, boolean cached) {
        super(message);
        this.cached = cached;
    }

    McpUnavailableException(String message, boolean cached, Throwable cause) {
        super(message, cause);
        this.cached = cached;
    }

    boolean cached() {
        return cached;
    }
}
