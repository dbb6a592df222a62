package dev.agenticchat.agent.mcp;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code agent.mcp.*}: how agent-service talks to the MCP servers tenant admins register.
 * {@code allow-private-addresses} lets servers on loopback, private, link-local and metadata addresses
 * be registered and called (off: a tenant admin cannot point the service at its own network); a tool
 * call waits at most {@code call-timeout} (and never past the turn's deadline), connecting at most
 * {@code connect-timeout}; a server's tool list is reused for {@code tools-cache-ttl} (a failure to
 * list it too, so a server that is down does not slow every turn); at most {@code max-connections}
 * servers stay connected, the least recently used closed first.
 */
@ConfigurationProperties("agent.mcp")
public class McpSettings {
    private boolean allowPrivateAddresses;
    private Duration callTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration toolsCacheTtl = Duration.ofSeconds(60);
    private int maxConnections = 200;

    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getToolsCacheTtl() {
        return toolsCacheTtl;
    }

    public void setToolsCacheTtl(Duration toolsCacheTtl) {
        this.toolsCacheTtl = toolsCacheTtl;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }
}
