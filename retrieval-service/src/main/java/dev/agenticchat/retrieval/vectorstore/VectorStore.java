package dev.agenticchat.retrieval.vectorstore;

import java.util.List;
import java.util.UUID;

/**
 * Where chunk embeddings live and are searched by cosine similarity, always within one
 * tenant's knowledge base. Chunk text, offsets and keywords stay in Postgres either way;
 * a store only maps chunk ids to vectors. Chosen by {@code RETRIEVAL_VECTOR_STORE}.
 */
public interface VectorStore {
    void upsert(String tenantId, UUID knowledgeBaseId, UUID documentId, List<ChunkVector> vectors);

    /** The {@code topK} nearest chunks, most similar first; {@code score} is the cosine similarity. */
    List<VectorMatch> nearest(String tenantId, UUID knowledgeBaseId, float[] query, int topK);

    /** Called before the document's rows are deleted, with the ids of its chunks. */
    void deleteDocument(String tenantId, UUID knowledgeBaseId, List<UUID> chunkIds);

    /** Called before the knowledge base's rows are deleted. */
    void deleteKnowledgeBase(String tenantId, UUID knowledgeBaseId);

    record ChunkVector(UUID chunkId, UUID documentId, float[] vector) {
    }

    record VectorMatch(UUID chunkId, double score) {
    }
}
