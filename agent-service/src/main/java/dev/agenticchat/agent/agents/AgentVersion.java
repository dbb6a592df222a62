package dev.agenticchat.agent.agents;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One version of an agent's configuration: what its turns are told, with which model (and which
 * models when that one is unavailable), tools (its own and those of the tenant's MCP servers it lists, by slug)
 * and prices, and whether its reasoning is shown.
 * Prices are USD per thousand tokens; null: the configured price table's. {@code contextTokens}: the
 * prompt token budget of its turns; null: {@code agent.context.default-tokens}.
 */
public record AgentVersion(UUID agentId, String tenantId, String slug, boolean isDefault, int version, String name,
                           @Nullable String description, String status, String provider, String model,
                           String systemPrompt, @Nullable Double temperature, @Nullable Integer maxOutputTokens,
                           @Nullable Integer contextTokens,
                           @Nullable Set<String> tools, List<String> knowledgeBaseIds, List<String> mcpServers,
                           boolean reasoning,
                           List<Fallback> fallbacks, @Nullable BigDecimal inputPricePerThousandTokens,
                           @Nullable BigDecimal outputPricePerThousandTokens, @Nullable String changedBy,
                           Instant changedAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
