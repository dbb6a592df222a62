package dev.agenticchat.retrieval.document;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The documents a person uploaded, for identity events. Knowledge bases belong to the
 * tenant, not to a person, so they stay; what the person uploaded (bytes, extracted text,
 * chunks, vectors, Pinecone included) goes.
 */
@Singleton
public class PeoplesDocuments {
    private final DocumentRepository documents;
    private final Documents store;

    PeoplesDocuments(DocumentRepository documents, Documents store) {
        this.documents = documents;
        this.store = store;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int moveUploader(String tenantId, String fromUserId, String toUserId) {
        return documents.moveUploader(tenantId, fromUserId, toUserId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int erase(String tenantId, List<String> userIds) {
        int erased = 0;
        for (String userId : userIds) {
            for (Document doc : documents.findByTenantIdAndUploadedBy(tenantId, userId)) {
                store.delete(doc);
                erased++;
            }
        }
        return erased;
    }
}
