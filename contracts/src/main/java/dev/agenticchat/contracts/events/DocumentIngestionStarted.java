package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** An ingestion worker began extracting the text of an uploaded document. Ephemeral. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentIngestionStarted(String documentId, String knowledgeBaseId, String filename) implements RetrievalEvent {

    public static final String TYPE = "dev.agenticchat.retrieval.document.started";

    @Override
    public String eventType() {
        return TYPE;
    }
}
