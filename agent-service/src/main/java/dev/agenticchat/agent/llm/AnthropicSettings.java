package dev.agenticchat.agent.llm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code agent.llm.anthropic.*}: Anthropic's Messages API for agents whose provider is
 * {@code anthropic}. The API key is the operator's, used when neither the agent nor its tenant
 * has one of its own. Anthropic requires max_tokens: agents without max output tokens get
 * {@code max-tokens}. With reasoning on, the model may think for {@code thinking-budget-tokens}
 * (Anthropic's minimum is 1024, and it must stay below max_tokens, else thinking is not asked for).
 */
@ConfigurationProperties("agent.llm.anthropic")
public class AnthropicSettings {
    private String baseUrl = "https://api.anthropic.com/v1/";
    private String apiKey;
    private int maxTokens = 4096;
    private int thinkingBudgetTokens = 1024;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Nullable
    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    public int getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(int maxTokens) {
        this.maxTokens = maxTokens;
    }

    public int getThinkingBudgetTokens() {
        return thinkingBudgetTokens;
    }

    public void setThinkingBudgetTokens(int thinkingBudgetTokens) {
        this.thinkingBudgetTokens = thinkingBudgetTokens;
    }
}
