package dev.agenticchat.agent.llm;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model call costs in USD. Each price of a call is, first found: the agent's own (for its
 * own model only, carried by its {@link ModelTarget}), the operator's price table for the provider
 * and model ({@code agent.pricing.models}), the shipped list prices ({@code agent.pricing.list-prices}),
 * the default ({@code agent.llm.*-price-per-thousand-tokens}). A fallback model is always priced
 * from the tables: the agent's prices are for its own model.
 */
@Singleton
public class Pricing {
    public static final String CURRENCY = "USD";

    private final UnitPrices defaults;
    private final Map<String, UnitPrices> table = new HashMap<>();

    Pricing(LlmSettings settings, List<ModelPriceSettings> models, List<ListPriceSettings> listPrices) {
        this.defaults = new UnitPrices(settings.getInputPricePerThousandTokens(), settings.getOutputPricePerThousandTokens());
        table.putAll(rows(listPrices));
        // The operator's rows win over the shipped ones.
        table.putAll(rows(models));
    }

    private static Map<String, UnitPrices> rows(List<? extends ModelPrice> rows) {
        Map<String, UnitPrices> table = new HashMap<>();
        for (ModelPrice row : rows) {
            String name = row.table() + "[" + row.getIndex() + "]";
            if (row.getModel() == null || row.getModel().isBlank()) {
                throw new IllegalArgumentException(name + ".model is required");
            }
            if (!Providers.ALL.contains(row.getProvider())) {
                throw new IllegalArgumentException(name + ".provider must be one of " + Providers.ALL.stream().sorted().toList());
            }
            UnitPrices prices = new UnitPrices(row.getInputPerThousandTokens(), row.getOutputPerThousandTokens());
            if (table.put(key(row.getProvider(), row.getModel()), prices) != null) {
                throw new IllegalArgumentException(name + " prices " + row.getProvider() + "/" + row.getModel()
                        + " a second time");
            }
        }
        return table;
    }

    /** The prices in force for a call to the target. */
    public UnitPrices of(ModelTarget target) {
        UnitPrices listed = table.getOrDefault(key(target.provider(), target.model()), defaults);
        return new UnitPrices(
                target.inputPricePerThousandTokens() != null ? target.inputPricePerThousandTokens() : listed.inputPerThousandTokens(),
                target.outputPricePerThousandTokens() != null ? target.outputPricePerThousandTokens() : listed.outputPerThousandTokens());
    }

    private static String key(String provider, String model) {
        return provider + "/" + model;
    }
}
