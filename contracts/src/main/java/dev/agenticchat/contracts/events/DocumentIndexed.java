package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Every chunk of the document is embedded and searchable. Durable (outbox). */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentIndexed(String documentId, String knowledgeBaseId, int chunkCount) implements RetrievalEvent {

    public static final String TYPE = "dev.agenticchat.retrieval.document.indexed";

    @Override
    public String eventType() {
        return TYPE;
    }
}
