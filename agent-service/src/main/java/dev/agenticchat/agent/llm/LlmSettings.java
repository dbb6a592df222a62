package dev.agenticchat.agent.llm;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** {@code agent.llm.*}: which OpenAI-compatible endpoint and model to use, what it costs, how to retry it. */
@ConfigurationProperties("agent.llm")
public class LlmSettings {
    private String baseUrl;
    private String apiKey;
    private String model;
    private Duration timeout = Duration.ofSeconds(60);
    private BigDecimal inputPricePerThousandTokens = BigDecimal.ZERO;
    private BigDecimal outputPricePerThousandTokens = BigDecimal.ZERO;
    private List<Duration> retryBackoff = List.of(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(2));

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public BigDecimal getInputPricePerThousandTokens() {
        return inputPricePerThousandTokens;
    }

    public void setInputPricePerThousandTokens(BigDecimal inputPricePerThousandTokens) {
        this.inputPricePerThousandTokens = inputPricePerThousandTokens;
    }

    public BigDecimal getOutputPricePerThousandTokens() {
        return outputPricePerThousandTokens;
    }

    public void setOutputPricePerThousandTokens(BigDecimal outputPricePerThousandTokens) {
        this.outputPricePerThousandTokens = outputPricePerThousandTokens;
    }

    public List<Duration> getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(List<Duration> retryBackoff) {
        this.retryBackoff = List.copyOf(retryBackoff);
    }
}
