package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.contracts.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code retrieval.ingestion.*} (what reading one upload may cost is {@link ExtractionLimits}).
 *
 * @param topic       where upload commands go and are consumed: {@code retrieval.ingestion.v1};
 *                    tests give each service instance a private one
 * @param concurrency worker threads embedding documents ({@code RETRIEVAL_INGESTION_CONCURRENCY})
 * @param maxAttempts attempts at one document before it fails with its reason ({@code RETRIEVAL_INGESTION_MAX_ATTEMPTS})
 * @param batchSize   chunks embedded per call of the model ({@code RETRIEVAL_EMBEDDING_BATCH_SIZE})
 */
@ConfigurationProperties("retrieval.ingestion")
public record IngestionSettings(@Bindable(defaultValue = Topics.RETRIEVAL_INGESTION) String topic,
                                @Bindable(defaultValue = "2") int concurrency,
                                @Bindable(defaultValue = "3") int maxAttempts,
                                @Bindable(defaultValue = "32") int batchSize) {
}
