package dev.agenticchat.contracts.events;

/**
 * Commands of {@code retrieval.ingestion.v1}, consumed by retrieval-service's ingestion workers.
 * Key = tenant id (also {@code ce_subject}), so one tenant's documents are ingested one after
 * another while other tenants' run beside them.
 */
public sealed interface RetrievalCommand extends DomainEvent permits IngestDocument {
}
