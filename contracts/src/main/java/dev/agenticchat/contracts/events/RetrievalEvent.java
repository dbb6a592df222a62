package dev.agenticchat.contracts.events;

/**
 * Events of {@code retrieval.events.v1}, produced by retrieval-service while it ingests an
 * uploaded document. Key = document id; {@code ce_tenantid}/{@code ce_userid} name the uploader,
 * so the gateway can push them to that user's sessions. {@link DocumentIndexed} and
 * {@link DocumentIngestionFailed} are durable (outbox); started and progress are ephemeral.
 */
public sealed interface RetrievalEvent extends DomainEvent
        permits DocumentIngestionStarted, DocumentIngestionProgress, DocumentIndexed, DocumentIngestionFailed {
    String documentId();

    String knowledgeBaseId();
}
