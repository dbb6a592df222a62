package dev.agenticchat.agent.llm;

import java.util.Set;

/** The model providers an agent may name: any OpenAI-compatible endpoint, and Anthropic's Messages API. */
public final class Providers {
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final Set<String> ALL = Set.of(OPENAI, ANTHROPIC);

    private Providers() {
    }
}
