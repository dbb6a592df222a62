package dev.agenticchat.agent.context;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code agent.context.*}: the context window of a turn. How many prompt tokens an agent gets when it
 * sets none, how an image is counted, the hard cap on the earlier turns read from the database, and the
 * running summary that stands in for the turns that no longer fit (its size cap, how much of the
 * dropped conversation one extension reads, what the model is told).
 */
@ConfigurationProperties("agent.context")
public class ContextSettings {
    private int defaultTokens = 16_000;
    private int imageTokens = 1_000;
    private String defaultEncoding = "o200k_base";
    private int maxTurns = 1_000;
    private int pageTurns = 50;
    private int summaryMaxTokens = 800;
    private int summaryInputTokens = 12_000;
    private String summaryPrompt = "Summarize the conversation so far.";

    /** The prompt token budget of an agent without its own {@code context_tokens}. */
    public int getDefaultTokens() {
        return defaultTokens;
    }

    public void setDefaultTokens(int defaultTokens) {
        this.defaultTokens = atLeast(defaultTokens, 1_000, "default-tokens");
    }

    /** What one attached image counts for: a fixed estimate, the tokenizer cannot count pixels. */
    public int getImageTokens() {
        return imageTokens;
    }

    public void setImageTokens(int imageTokens) {
        this.imageTokens = atLeast(imageTokens, 0, "image-tokens");
    }

    /** The jtokkit encoding for models it does not know (Anthropic's, the simulator's): an approximation. */
    public String getDefaultEncoding() {
        return defaultEncoding;
    }

    public void setDefaultEncoding(String defaultEncoding) {
        this.defaultEncoding = defaultEncoding;
    }

    /** At most this many earlier turns of a thread are read for one prompt, however small they are. */
    public int getMaxTurns() {
        return maxTurns;
    }

    public void setMaxTurns(int maxTurns) {
        this.maxTurns = atLeast(maxTurns, 1, "max-turns");
    }

    /** Earlier turns are read newest first, this many at a time, until the window is full. */
    public int getPageTurns() {
        return pageTurns;
    }

    public void setPageTurns(int pageTurns) {
        this.pageTurns = atLeast(pageTurns, 1, "page-turns");
    }

    /** The running summary is cut to this many tokens; the window keeps room for it once turns drop out. */
    public int getSummaryMaxTokens() {
        return summaryMaxTokens;
    }

    public void setSummaryMaxTokens(int summaryMaxTokens) {
        this.summaryMaxTokens = atLeast(summaryMaxTokens, 50, "summary-max-tokens");
    }

    /** One extension of the summary reads at most this many tokens of newly dropped turns (the newest of them). */
    public int getSummaryInputTokens() {
        return summaryInputTokens;
    }

    public void setSummaryInputTokens(int summaryInputTokens) {
        this.summaryInputTokens = atLeast(summaryInputTokens, 100, "summary-input-tokens");
    }

    public String getSummaryPrompt() {
        return summaryPrompt;
    }

    public void setSummaryPrompt(String summaryPrompt) {
        this.summaryPrompt = summaryPrompt;
    }

    private static int atLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException("agent.context." + name + " must be at least " + minimum);
        }
        return value;
    }
}
