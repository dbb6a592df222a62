package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;

/**
 * One model a call may go to: its provider, its name, and the API key to use (the tenant's or
 * the agent's own; null: the operator's configured key). The key never appears in toString.
 * Prices (USD per thousand tokens) are the agent's own for its own model; null: {@link Pricing}'s.
 */
public record ModelTarget(String provider, String model, @Nullable String apiKey,
                          @Nullable BigDecimal inputPricePerThousandTokens,
                          @Nullable BigDecimal outputPricePerThousandTokens) {
    /** A model priced from the price table. */
    public ModelTarget(String provider, String model, @Nullable String apiKey) {
        this(provider, model, apiKey, null, null);
    }

    /** The same model at the agent's own prices (null: the price table's). */
    public ModelTarget pricedAt(@Nullable BigDecimal inputPerThousandTokens, @Nullable BigDecimal outputPerThousandTokens) {
        return new ModelTarget(provider, model, apiKey, inputPerThousandTokens, outputPerThousandTokens);
    }

    @Override
    public String toString() {
        return provider + "/" + model + (apiKey == null ? "" : " (own key)");
    }
}
