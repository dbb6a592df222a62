package dev.agenticchat.retrieval.identity;

import dev.agenticchat.retrieval.document.PeoplesDocuments;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBaseService;
import dev.agenticchat.support.identity.PersonalData;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * What retrieval-service keeps about a person: the documents they uploaded (bytes, extracted
 * text, chunks, vectors, Pinecone included) and the knowledge bases they created, with
 * everything in them. Other people's knowledge bases stay, without the person's uploads.
 */
@Singleton
class RetrievalPersonalData implements PersonalData {
    private final PeoplesDocuments documents;
    private final KnowledgeBaseService knowledgeBases;

    RetrievalPersonalData(PeoplesDocuments documents, KnowledgeBaseService knowledgeBases) {
        this.documents = documents;
        this.knowledgeBases = knowledgeBases;
    }

    @Override
    public int moveOwner(String tenantId, String fromUserId, String toUserId) {
        return documents.moveUploader(tenantId, fromUserId, toUserId) + knowledgeBases.moveOwner(tenantId, fromUserId, toUserId);
    }

    @Override
    public int erase(String tenantId, List<String> userIds, String emailSha256) {
        return documents.erase(tenantId, userIds) + knowledgeBases.eraseOwnedBy(tenantId, userIds);
    }
}
