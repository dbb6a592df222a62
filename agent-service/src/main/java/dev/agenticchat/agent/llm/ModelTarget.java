package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;

/**
 * One model a call may go to: its provider, its name, and the API key to use (the tenant's or
 * the agent's own; null: the operator's configured key). The key never appears in toString.
 */
public record ModelTarget(String provider, String model, @Nullable String apiKey) {
    @Override
    public String toString() {
        return provider + "/" + model + (apiKey == null ? "" : " (own key)");
    }
}
