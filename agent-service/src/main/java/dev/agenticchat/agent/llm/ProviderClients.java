package dev.agenticchat.agent.llm;

import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The streaming clients of the providers, one per provider and API key (each keeps its own
 * connection pool), and each provider's form of a request. Request and response logging stay
 * off: prompts, answers and keys must never reach the logs. OpenAI-compatible clients always
 * parse {@code reasoning_content} deltas; whether they reach the user is the agent's choice.
 * Anthropic is asked to think only when the agent wants reasoning, and then without a
 * temperature (Anthropic allows none with thinking).
 */
@Singleton
public class ProviderClients {
    private static final int MAX_CLIENTS = 256;
    private static final String ANTHROPIC_DEFAULT_MODEL = "claude-sonnet-4-5";
    private static final int ANTHROPIC_MIN_THINKING_BUDGET = 1024;

    private final LlmSettings openai;
    private final AnthropicSettings anthropic;
    private final Map<Key, StreamingChatModel> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, StreamingChatModel> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    ProviderClients(LlmSettings openai, AnthropicSettings anthropic) {
        this.openai = openai;
        this.anthropic = anthropic;
    }

    /** The client for the target's provider and key; fails when the provider has no key at all. */
    StreamingChatModel client(ModelTarget target) throws ModelUnavailableException {
        String apiKey = target.apiKey() != null ? target.apiKey() : operatorKey(target.provider());
        if (apiKey == null || apiKey.isBlank()) {
            throw new ModelUnavailableException("No API key is configured for the provider " + target.provider()
                    + ": a tenant admin can set one for the agent or the tenant.");
        }
        Key key = new Key(target.provider(), apiKey);
        synchronized (clients) {
            return clients.computeIfAbsent(key, this::build);
        }
    }

    ChatRequest request(ModelTarget target, ModelRequest request) {
        if (Providers.ANTHROPIC.equals(target.provider())) {
            return anthropicRequest(target, request);
        }
        return ChatRequest.builder()
                .messages(request.messages())
                .parameters(ChatRequestParameters.builder()
                        .modelName(target.model())
                        .toolSpecifications(request.tools())
                        .temperature(request.temperature())
                        .maxOutputTokens(request.maxOutputTokens())
                        .build())
                .build();
    }

    private ChatRequest anthropicRequest(ModelTarget target, ModelRequest request) {
        int maxTokens = request.maxOutputTokens() != null ? request.maxOutputTokens() : anthropic.getMaxTokens();
        int budget = Math.min(anthropic.getThinkingBudgetTokens(), maxTokens - 1);
        boolean thinking = request.reasoning() && budget >= ANTHROPIC_MIN_THINKING_BUDGET;
        AnthropicChatRequestParameters.Builder parameters = AnthropicChatRequestParameters.builder()
                .modelName(target.model())
                .toolSpecifications(request.tools())
                .maxOutputTokens(maxTokens)
                .temperature(thinking ? null : request.temperature());
        if (thinking) {
            parameters.thinkingType("enabled").thinkingBudgetTokens(budget).returnThinking(true).sendThinking(true);
        }
        return ChatRequest.builder().messages(request.messages()).parameters(parameters.build()).build();
    }

    @Nullable
    private String operatorKey(String provider) {
        return Providers.ANTHROPIC.equals(provider) ? anthropic.getApiKey() : openai.getApiKey();
    }

    private StreamingChatModel build(Key key) {
        if (Providers.ANTHROPIC.equals(key.provider())) {
            return AnthropicStreamingChatModel.builder()
                    .baseUrl(anthropic.getBaseUrl())
                    .apiKey(key.apiKey())
                    .modelName(ANTHROPIC_DEFAULT_MODEL)
                    .timeout(openai.getTimeout())
                    .logRequests(false)
                    .logResponses(false)
                    .build();
        }
        return OpenAiStreamingChatModel.builder()
                .baseUrl(openai.getBaseUrl())
                .apiKey(key.apiKey())
                .modelName(openai.getModel())
                .timeout(openai.getTimeout())
                .returnThinking(true)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    /** The key stays out of toString. */
    private record Key(String provider, String apiKey) {
        @Override
        public String toString() {
            return provider;
        }
    }
}
