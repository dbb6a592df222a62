package dev.agenticchat.retrieval.document;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ChunkRepository extends CrudRepository<Chunk, UUID> {
    @Query("SELECT id FROM chunks WHERE document_id = :documentId")
    List<UUID> findIdsByDocumentId(UUID documentId);

    @Query("DELETE FROM chunks WHERE document_id = :documentId")
    int deleteByDocument(UUID documentId);
}
