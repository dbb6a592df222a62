package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** How many of a document's chunks are embedded so far; a few per second at most. Ephemeral. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentIngestionProgress(String documentId, String knowledgeBaseId, int chunksEmbedded, int chunksTotal)
        implements RetrievalEvent {

    public static final String TYPE = "dev.agenticchat.retrieval.document.progress";

    @Override
    public String eventType() {
        return TYPE;
    }
}
