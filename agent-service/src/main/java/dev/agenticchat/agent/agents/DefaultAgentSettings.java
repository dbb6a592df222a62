package dev.agenticchat.agent.agents;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code agent.default-agent.*}: the agent every tenant starts with (slug {@code default}),
 * written the first time a tenant needs an agent; its model is {@code agent.llm.model} unless
 * set here. Its admins change it like any other agent.
 */
@ConfigurationProperties("agent.default-agent")
public class DefaultAgentSettings {
    private String name = "Assistant";
    private String systemPrompt = "You are a helpful assistant.";
    @Nullable
    private String model;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSystemPrompt() {
        return systemPrompt;
    }

    public void setSystemPrompt(String systemPrompt) {
        this.systemPrompt = systemPrompt;
    }

    @Nullable
    public String getModel() {
        return model;
    }

    public void setModel(@Nullable String model) {
        this.model = model;
    }
}
