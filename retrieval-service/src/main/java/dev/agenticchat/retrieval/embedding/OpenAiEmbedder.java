package dev.agenticchat.retrieval.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
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

    OpenAiEmbedder(OpenAiEmbeddingSettings settings) {
        this.name = settings.model();
        this.model = OpenAiEmbeddingModel.builder()
                .apiKey(settings.apiKey())
                .baseUrl(settings.baseUrl())
                .modelName(settings.model())
                .timeout(settings.timeout())
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
