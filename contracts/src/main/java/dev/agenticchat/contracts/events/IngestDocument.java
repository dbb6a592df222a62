package dev.agenticchat.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * An uploaded document waits to be extracted, chunked and embedded. Its bytes stay in
 * retrieval-service's database; the uploader travels in {@code ce_tenantid}/{@code ce_userid}.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestDocument(String documentId, String knowledgeBaseId) implements RetrievalCommand {

    public static final String TYPE = "dev.agenticchat.retrieval.document.ingestion_requested";

    @Override
    public String eventType() {
        return TYPE;
    }
}
