package dev.agenticchat.retrieval.vectorstore;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code retrieval.pgvector.*}.
 *
 * @param efSearch candidates the HNSW scan keeps while it walks the graph ({@code RETRIEVAL_PGVECTOR_EF_SEARCH}):
 *                 more finds more of the true nearest neighbours and costs more time; a search asking for more
 *                 results than this keeps as many as it asks for. pgvector allows 1 to 1000.
 */
@ConfigurationProperties("retrieval.pgvector")
record PgVectorSettings(@Bindable(defaultValue = "400") int efSearch) {
    PgVectorSettings {
        if (efSearch < 1 || efSearch > 1000) {
            throw new IllegalArgumentException("RETRIEVAL_PGVECTOR_EF_SEARCH must be 1 to 1000, got " + efSearch);
        }
    }
}
