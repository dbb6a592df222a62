package dev.agenticchat.chat.thread;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Asks retrieval-service, on the caller's behalf, whether each knowledge base exists for
 * them: chat-service never reads retrieval's schema, and a thread must not point at another
 * tenant's knowledge base (the agent would search it with the thread owner's identity).
 */
@Singleton
class KnowledgeBaseClient {
    static final String FIELD = "knowledge_base_ids";

    private final OnBehalfLookup lookup;

    KnowledgeBaseClient(@Client(id = "retrieval-service") HttpClient retrieval, ServiceCredentials credentials) {
        this.lookup = new OnBehalfLookup(retrieval, credentials, "retrieval-service", "Knowledge bases");
    }

    /** Throws a 422 problem naming the first id the caller cannot use, 503 when retrieval cannot tell. */
    void requireUsable(Caller caller, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (!lookup.exists(caller, "/api/knowledge-bases/" + ids.get(i))) {
                String detail = "no knowledge base " + ids.get(i) + " exists for you";
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown knowledge base", detail,
                        List.of(new Problem.FieldError(FIELD + "[" + i + "]", detail)));
            }
        }
    }
}
