package dev.agenticchat.retrieval.document;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentContentRepository extends CrudRepository<DocumentContent, UUID> {
    @Query("SELECT extracted_text FROM document_contents WHERE document_id = :documentId")
    Optional<String> findExtractedText(UUID documentId);

    @Query("UPDATE document_contents SET extracted_text = :text WHERE document_id = :documentId")
    int saveExtractedText(UUID documentId, String text);
}
