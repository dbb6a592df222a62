package dev.agenticchat.agent.llm;

import java.util.List;

/**
 * The model providers agent-service can call: {@code openai} (any OpenAI-compatible endpoint the
 * operator configures) and {@code anthropic}. The one list that agents and provider credentials
 * are checked against.
 */
public final class Providers {
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    /** In the order error messages name them. */
    public static final List<String> ALL = List.of(OPENAI, ANTHROPIC);

    private Providers() {
    }

    public static boolean isKnown(String name) {
        return ALL.contains(name);
    }
}
