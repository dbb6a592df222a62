package dev.agenticchat.agent.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What callers see of an agent: everyone its name and description, tenant admins all of it. */
final class AgentView {
    private AgentView() {
    }

    static Object of(AgentVersion agent, boolean admin) {
        return admin ? Full.of(agent) : new Summary(agent.slug(), agent.name(), agent.description(), agent.isDefault());
    }

    @Serdeable
    record Summary(String slug, String name, @Nullable String description, boolean isDefault) {
    }

    @Serdeable
    record Full(String slug, String name, @Nullable String description, boolean isDefault, String status, String provider,
                String model, String systemPrompt, @Nullable Double temperature, @Nullable Integer maxOutputTokens,
                @Nullable Integer contextTokens,
                @Nullable List<String> tools, @JsonInclude(JsonInclude.Include.ALWAYS) List<String> knowledgeBases,
                @JsonInclude(JsonInclude.Include.ALWAYS) List<String> mcpServers, boolean reasoning,
                @JsonInclude(JsonInclude.Include.ALWAYS) List<Fallback> fallbacks,
                @Nullable BigDecimal inputPricePerThousandTokens, @Nullable BigDecimal outputPricePerThousandTokens,
                int version, @Nullable String changedBy, Instant changedAt) {

        static Full of(AgentVersion agent) {
            return new Full(agent.slug(), agent.name(), agent.description(), agent.isDefault(), agent.status(),
                    agent.provider(), agent.model(), agent.systemPrompt(), agent.temperature(), agent.maxOutputTokens(),
                    agent.contextTokens(),
                    agent.tools() == null ? null : List.copyOf(agent.tools()), agent.knowledgeBaseIds(), agent.mcpServers(), agent.reasoning(),
                    agent.fallbacks(),
                    agent.inputPricePerThousandTokens(), agent.outputPricePerThousandTokens(), agent.version(), agent.changedBy(),
                    agent.changedAt());
        }
    }
}
