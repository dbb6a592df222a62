package dev.agenticchat.retrieval.embedding;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code retrieval.embeddings.openai.*}: {@code OPENAI_EMBEDDINGS_API_KEY} (the OpenAI embedder is
 * offered only when it is set), {@code EMBEDDINGS_BASE_URL} (any endpoint speaking
 * {@code /v1/embeddings}), {@code OPENAI_EMBEDDINGS_MODEL} and {@code EMBEDDINGS_TIMEOUT}.
 */
@ConfigurationProperties("retrieval.embeddings.openai")
record OpenAiEmbeddingSettings(@Nullable String apiKey,
                               @Bindable(defaultValue = "https://api.openai.com/v1") String baseUrl,
                               @Bindable(defaultValue = "text-embedding-3-small") String model,
                               @Bindable(defaultValue = "60s") Duration timeout) {
}
