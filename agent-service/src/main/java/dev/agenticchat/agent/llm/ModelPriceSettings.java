package dev.agenticchat.agent.llm;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.math.BigDecimal;

/**
 * One row of the price table {@code agent.pricing.models}: a provider's model and its list prices
 * in USD per thousand input and output tokens. The provider defaults to {@code openai}, a price
 * left out to 0. Operators keep the table current; {@link Pricing} says which price applies.
 */
@EachProperty(value = "agent.pricing.models", list = true)
public class ModelPriceSettings {
    private final int index;
    private String provider = Providers.OPENAI;
    private String model;
    private BigDecimal inputPerThousandTokens = BigDecimal.ZERO;
    private BigDecimal outputPerThousandTokens = BigDecimal.ZERO;

    public ModelPriceSettings(@Parameter Integer index) {
        this.index = index;
    }

    /** Where the row is in the table, to name it in an error. */
    public int getIndex() {
        return index;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public BigDecimal getInputPerThousandTokens() {
        return inputPerThousandTokens;
    }

    public void setInputPerThousandTokens(BigDecimal inputPerThousandTokens) {
        this.inputPerThousandTokens = inputPerThousandTokens;
    }

    public BigDecimal getOutputPerThousandTokens() {
        return outputPerThousandTokens;
    }

    public void setOutputPerThousandTokens(BigDecimal outputPerThousandTokens) {
        this.outputPerThousandTokens = outputPerThousandTokens;
    }
}
