package dev.agenticchat.agent.agents;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Which fields (by their API names) one version of an agent changed from the one before. */
final class AgentChanges {
    private static final List<Field> FIELDS = List.of(
            new Field("name", AgentVersion::name),
            new Field("description", AgentVersion::description),
            new Field("status", AgentVersion::status),
            new Field("provider", AgentVersion::provider),
            new Field("model", AgentVersion::model),
            new Field("system_prompt", AgentVersion::systemPrompt),
            new Field("temperature", AgentVersion::temperature),
            new Field("max_output_tokens", AgentVersion::maxOutputTokens),
            new Field("context_tokens", AgentVersion::contextTokens),
            new Field("tools", AgentVersion::tools),
            new Field("knowledge_bases", AgentVersion::knowledgeBaseIds),
            new Field("mcp_servers", AgentVersion::mcpServers),
            new Field("reasoning", AgentVersion::reasoning),
            new Field("fallbacks", AgentVersion::fallbacks),
            new Field("input_price_per_thousand_tokens", version -> comparable(version.inputPricePerThousandTokens())),
            new Field("output_price_per_thousand_tokens", version -> comparable(version.outputPricePerThousandTokens())));

    private AgentChanges() {
    }

    static List<String> between(AgentVersion before, AgentVersion after) {
        List<String> changed = new ArrayList<>();
        for (Field field : FIELDS) {
            if (!Objects.equals(field.value.apply(before), field.value.apply(after))) {
                changed.add(field.name);
            }
        }
        return changed;
    }

    /** 0.0030 and 0.003 are one price. */
    private static Object comparable(BigDecimal price) {
        return price == null ? null : price.stripTrailingZeros();
    }

    private record Field(String name, Function<AgentVersion, Object> value) {
    }
}
