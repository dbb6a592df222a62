package dev.agenticchat.agent.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * An agent's fields as an admin sends them: all of them to create one (slug, name and
 * system_prompt required; provider {@code openai} and the service's model unless given; tools
 * absent: every tool; no knowledge bases; no MCP servers; reasoning on; no fallbacks; the price table's
 * prices; the configured prompt token budget),
 * or only those to change (lists are replaced as a whole). Postgres TEXT cannot hold U+0000, so texts
 * refuse it.
 */
@Serdeable
record AgentFields(
        @Nullable @Pattern(regexp = SLUG, message = "must be 1-63 lower-case letters, digits or '-', starting with a letter or digit")
        String slug,
        @Nullable @Size(min = 1, max = 100) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String name,
        @Nullable @Size(max = 500) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String description,
        @Nullable @Size(min = 1, max = 40) String provider,
        @Nullable @Size(min = 1, max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String model,
        @Nullable @Size(min = 1, max = 20_000) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String systemPrompt,
        @Nullable @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
        @Nullable @Min(1) @Max(100_000) Integer maxOutputTokens,
        @Nullable @Min(1_000) @Max(1_000_000) Integer contextTokens,
        @Nullable @Size(max = 50) List<@NotBlank @Size(max = 100) String> tools,
        @Nullable @Pattern(regexp = "active|disabled", message = "must be active or disabled") String status,
        @Nullable @Size(max = 20) List<@NotNull String> knowledgeBases,
        @Nullable @Size(max = 10) List<@NotNull String> mcpServers,
        @Nullable Boolean reasoning,
        @Nullable @Size(max = 5) List<@NotNull @Valid Fallback> fallbacks,
        @Nullable @DecimalMin("0.0") @DecimalMax("1000.0") @Digits(integer = 4, fraction = 10) BigDecimal inputPricePerThousandTokens,
        @Nullable @DecimalMin("0.0") @DecimalMax("1000.0") @Digits(integer = 4, fraction = 10) BigDecimal outputPricePerThousandTokens) {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL_MESSAGE = "must not contain NUL characters (U+0000)";

    String statusOr(String current) {
        return status == null ? current : status;
    }

    boolean changesNothing() {
        return slug == null && name == null && description == null && provider == null && model == null
                && systemPrompt == null && temperature == null && maxOutputTokens == null && contextTokens == null && tools == null && status == null
                && knowledgeBases == null && mcpServers == null && reasoning == null && fallbacks == null && inputPricePerThousandTokens == null
                && outputPricePerThousandTokens == null;
    }
}
