package dev.agenticchat.retrieval.embedding;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code retrieval.embeddings.*} of the in-process model ({@code RETRIEVAL_EMBEDDINGS_WARM_UP}).
 *
 * @param warmUp load all-MiniLM-L6-v2 on a background thread right after startup, not on first use
 */
@ConfigurationProperties("retrieval.embeddings")
record EmbeddingSettings(@Bindable(defaultValue = "true") boolean warmUp) {
}
