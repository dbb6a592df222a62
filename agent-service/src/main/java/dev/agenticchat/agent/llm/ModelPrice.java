package dev.agenticchat.agent.llm;

import java.math.BigDecimal;

/**
 * One row of a price table: a provider's model and its prices in USD per thousand input and
 * output tokens. The provider defaults to {@code openai}, a price left out to 0.
 */
public abstract class ModelPrice {
    private final int index;
    private String provider = Providers.OPENAI;
    private String model;
    private BigDecimal inputPerThousandTokens = BigDecimal.ZERO;
    private BigDecimal outputPerThousandTokens = BigDecimal.ZERO;

    protected ModelPrice(int index) {
        this.index = index;
    }

    /** The table's property, to name a row in an error. */
    abstract String table();

    /** Where the row is in the table. */
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
