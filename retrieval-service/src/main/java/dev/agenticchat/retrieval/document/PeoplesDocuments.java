package dev.agenticchat.retrieval.document;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The documents a person uploaded, for identity events. What they uploaded to private knowledge
 * bases (bytes, extracted text, chunks, vectors, Pinecone included) goes; what an administrator
 * uploaded to a tenant knowledge base is the tenant's knowledge and stays, without their id.
 */
@Singleton
public class PeoplesDocuments {
    private final DocumentRepository documents;
    private final DocumentService documentService;

    PeoplesDocuments(DocumentRepository documents, DocumentService documentService) {
        this.documents = documents;
        this.documentService = documentService;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int moveUploader(String tenantId, String fromUserId, String toUserId) {
        return documents.moveUploader(tenantId, fromUserId, toUserId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int erase(String tenantId, List<String> userIds) {
        int erased = 0;
        for (String userId : userIds) {
            for (Document doc : documents.findPrivateUploads(tenantId, userId)) {
                documentService.delete(doc);
                erased++;
            }
            erased += documents.forgetTenantUploader(tenantId, userId);
        }
        return erased;
    }
}
