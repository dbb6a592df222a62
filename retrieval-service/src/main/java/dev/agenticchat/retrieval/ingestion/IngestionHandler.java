package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.contracts.events.IngestDocument;
import dev.agenticchat.retrieval.document.DocumentRepository;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBaseService;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.events.MalformedEventException;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Applies one ingestion command. Idempotent by the document's status: a command for a document
 * that is indexed, failed or deleted changes nothing; one for a document left processing by a
 * crash starts it over.
 */
@Singleton
class IngestionHandler {
    private final EventCodec codec;
    private final DocumentRepository documents;
    private final KnowledgeBaseService knowledgeBases;
    private final DocumentIngestion ingestion;

    IngestionHandler(EventCodec codec, DocumentRepository documents, KnowledgeBaseService knowledgeBases, DocumentIngestion ingestion) {
        this.codec = codec;
        this.documents = documents;
        this.knowledgeBases = knowledgeBases;
        this.ingestion = ingestion;
    }

    void handle(EventEnvelope event) {
        if (!IngestDocument.TYPE.equals(event.type())) {
            return;
        }
        if (codec.decode(event) instanceof IngestDocument command) {
            ingest(command);
        }
    }

    private void ingest(IngestDocument command) {
        UUID id;
        try {
            id = UUID.fromString(command.documentId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("document_id is not a UUID: " + command.documentId(), e);
        }
        documents.findById(id)
                .filter(doc -> !doc.finished())
                .ifPresent(doc -> knowledgeBases.find(doc.knowledgeBaseId()).ifPresent(kb -> ingestion.ingest(kb, doc)));
    }
}
