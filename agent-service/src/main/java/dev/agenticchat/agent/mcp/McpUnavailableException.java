package dev.agenticchat.agent.mcp;

/**
 * An MCP server could not be used: not reached, refused, too slow, or it failed the request. The
 * message says what happened for a tenant admin (it may quote the server, so redact the headers
 * before showing it). {@code cached}: the failure was found earlier and is being reused;
 * {@code turnBound}: the wait ended because of the turn (stopped, or out of time), not the server.
 */
class McpUnavailableException extends Exception {
    private final boolean cached;
    private final boolean turnBound;

    private McpUnavailableException(String message, boolean cached, boolean turnBound, Throwable cause) {
        super(message, cause);
        this.cached = cached;
        this.turnBound = turnBound;
    }

    /** The server's own failure (or the address's), found now. */
    static McpUnavailableException of(String message, Throwable cause) {
        return new McpUnavailableException(message, false, false, cause);
    }

    static McpUnavailableException of(String message) {
        return of(message, null);
    }

    /** A failure of the server found earlier, reused while it is fresh. */
    static McpUnavailableException cached(String message) {
        return new McpUnavailableException(message, true, false, null);
    }

    /** The turn stopped waiting: it was stopped, or its time ran out first. */
    static McpUnavailableException turnBound(String message, Throwable cause) {
        return new McpUnavailableException(message, false, true, cause);
    }

    boolean cached() {
        return cached;
    }

    boolean turnBound() {
        return turnBound;
    }
}
