package dev.agenticchat.retrieval.vectorstore;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** {@code PINECONE_API_KEY} and either {@code PINECONE_INDEX_HOST} or {@code PINECONE_INDEX_NAME}. */
@ConfigurationProperties("retrieval.pinecone")
record PineconeSettings(@Nullable String apiKey, @Nullable String indexHost, @Nullable String indexName,
                        @Nullable String controlPlaneUrl, @Nullable Duration timeout) {
    PineconeSettings {
        controlPlaneUrl = controlPlaneUrl == null || controlPlaneUrl.isBlank() ? "https://api.pinecone.io" : controlPlaneUrl;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
}
