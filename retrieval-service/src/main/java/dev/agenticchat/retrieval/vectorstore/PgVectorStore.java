package dev.agenticchat.retrieval.vectorstore;

import com.pgvector.PGvector;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Embeddings in the {@code chunks} table itself (pgvector), searched through the partial HNSW
 * index of the query's dimension. The filter on tenant and knowledge base runs with pgvector's
 * iterative index scan, so a small knowledge base in a large table still gets its top k.
 * Deleting rows deletes their vectors: nothing to do on deletion.
 */
@Singleton
@Requires(property = "retrieval.vector-store", value = "pgvector", defaultValue = "pgvector")
class PgVectorStore implements VectorStore {
    private final JdbcOperations jdbc;
    private final PgVectorSettings settings;

    PgVectorStore(JdbcOperations jdbc, PgVectorSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    @Transactional
    public void upsert(String tenantId, UUID knowledgeBaseId, UUID documentId, List<ChunkVector> vectors) {
        jdbc.prepareStatement("UPDATE chunks SET dimensions = ?, embedding = CAST(? AS public.vector) WHERE id = ? AND tenant_id = ?",
                statement -> {
                    for (ChunkVector vector : vectors) {
                        statement.setInt(1, vector.vector().length);
                        statement.setObject(2, new PGvector(vector.vector()));
                        statement.setObject(3, vector.chunkId());
                        statement.setString(4, tenantId);
                        statement.addBatch();
                    }
                    return statement.executeBatch();
                });
    }

    @Override
    @Transactional
    public List<VectorMatch> nearest(String tenantId, UUID knowledgeBaseId, float[] query, int topK) {
        int dimensions = query.length;
        String vector = "embedding::public.vector(" + dimensions + ")";
        String distance = vector + " OPERATOR(public.<=>) CAST(? AS public.vector(" + dimensions + "))";
        jdbc.execute(connection -> {
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL hnsw.ef_search = " + Math.min(1000, Math.max(settings.efSearch(), topK)));
                return set.execute("SET LOCAL hnsw.iterative_scan = strict_order");
            }
        });
        return jdbc.prepareStatement("SELECT id, 1 - (" + distance + ") AS score FROM chunks"
                + " WHERE tenant_id = ? AND knowledge_base_id = ? AND dimensions = " + dimensions
                + " ORDER BY " + distance + " LIMIT ?", statement -> {
                    PGvector pg = new PGvector(query);
                    statement.setObject(1, pg);
                    statement.setString(2, tenantId);
                    statement.setObject(3, knowledgeBaseId);
                    statement.setObject(4, pg);
                    statement.setInt(5, topK);
                    return read(statement);
                });
    }

    private static List<VectorMatch> read(PreparedStatement statement) throws SQLException {
        List<VectorMatch> matches = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                matches.add(new VectorMatch(rs.getObject("id", UUID.class), rs.getDouble("score")));
            }
        }
        return matches;
    }

    @Override
    public void deleteDocument(String tenantId, UUID knowledgeBaseId, List<UUID> chunkIds) {
        // The chunk rows carry the vectors: deleting the document deletes them.
    }

    @Override
    public void deleteKnowledgeBase(String tenantId, UUID knowledgeBaseId) {
        // As for documents: the rows go, and their vectors with them.
    }
}
