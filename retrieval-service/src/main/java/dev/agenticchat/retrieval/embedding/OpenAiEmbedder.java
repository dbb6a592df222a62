package dev.agenticchat.retrieval.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * OpenAI's {@code text-embedding-3-small} (1536 dimensions), or any endpoint speaking
 * {@code /v1/embeddings}; offered only when an API key is configured.
 */
@Singleton
@Requires(property = "retrieval.embeddings.openai.api-key", pattern = ".+")
class OpenAiEmbedder implements Embedder {
    static final int DIMENSIONS = 1536;

    private final String name;
    private final OpenAiEmbeddingModel model;

    OpenAiEmbedder(@Value("${retrieval.embeddings.openai.api-key}") String apiKey,
                   @Value("${retrieval.embeddings.openai.base-url}") String baseUrl,
                   @Value("${retrieval.embeddings.openai.model:text-embedding-3-small}") String modelName,
                   @Value("${retrieval.embeddings.openai.timeout:60s}") Duration timeout) {
        this.name = modelName;
        this.model = OpenAiEmbeddingModel.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .modelName(modelName)
                .timeout(timeout)
                .maxRetries(2)
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> embedding.vector()).toList();
    }
}
