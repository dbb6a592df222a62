package dev.agenticchat.agent.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The blocking model of conversation summaries (turns stream through {@link ProviderClients}).
 * Request and response logging stay off: prompts and answers must never reach the logs.
 */
@Factory
class ModelFactory {
    /**
     * The blocking model for work no user watches (conversation summaries). Strict JSON schemas:
     * an OpenAI model then answers a response_format with exactly the schema's properties. No
     * retries here: a failed summary is retried by the next sweep, after a pause.
     */
    @Singleton
    ChatModel chatModel(LlmSettings settings) {
        return OpenAiChatModel.builder()
                .baseUrl(settings.getBaseUrl())
                .apiKey(settings.getApiKey())
                .modelName(settings.getModel())
                .timeout(settings.getTimeout())
                .strictJsonSchema(true)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }
}
