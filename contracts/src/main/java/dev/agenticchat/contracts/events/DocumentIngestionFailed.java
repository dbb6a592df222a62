package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The document could not be ingested (unreadable file, no text, or a transient error that
 * outlasted its retries); {@code reason} is for people. Durable (outbox).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentIngestionFailed(String documentId, String knowledgeBaseId, String reason) implements RetrievalEvent {

    public static final String TYPE = "dev.agenticchat.retrieval.document.failed";

    @Override
    public String eventType() {
        return TYPE;
    }
}
