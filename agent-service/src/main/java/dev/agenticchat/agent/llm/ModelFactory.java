package dev.agenticchat.agent.llm;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The streaming chat model every turn shares (one HTTP client, one connection pool).
 * Request and response logging stay off: prompts and answers must never reach the logs.
 */
@Factory
class ModelFactory {
    @Singleton
    StreamingChatModel streamingChatModel(LlmSettings settings) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(settings.getBaseUrl())
                .apiKey(settings.getApiKey())
                .modelName(settings.getModel())
                .timeout(settings.getTimeout())
                .logRequests(false)
                .logResponses(false)
                .build();
    }
}
