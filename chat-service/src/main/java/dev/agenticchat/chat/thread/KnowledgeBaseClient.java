package dev.agenticchat.chat.thread;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.HttpClientException;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks retrieval-service, on the caller's behalf, whether each knowledge base exists for
 * them: chat-service never reads retrieval's schema, and a thread must not point at another
 * tenant's knowledge base (the agent would search it with the thread owner's identity).
 */
@Singleton
class KnowledgeBaseClient {
    static final String FIELD = "knowledge_base_ids";
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseClient.class);

    private final HttpClient retrieval;
    private final ServiceCredentials credentials;

    KnowledgeBaseClient(@Client(id = "retrieval-service") HttpClient retrieval, ServiceCredentials credentials) {
        this.retrieval = retrieval;
        this.credentials = credentials;
    }

    /** Throws a 422 problem naming the first id the caller cannot use, 503 when retrieval cannot tell. */
    void requireUsable(Caller caller, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (!exists(caller, ids.get(i))) {
                String detail = "no knowledge base " + ids.get(i) + " exists for you";
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown knowledge base", detail,
                        List.of(new Problem.FieldError(FIELD + "[" + i + "]", detail)));
            }
        }
    }

    private boolean exists(Caller caller, String id) {
        HttpRequest<?> request = HttpRequest.GET("/api/knowledge-bases/" + id)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, caller.tenantId())
                .header(ServiceCredentials.USER_HEADER, caller.userId());
        try {
            retrieval.toBlocking().exchange(request);
            return true;
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status == HttpStatus.NOT_FOUND.getCode() || status == HttpStatus.BAD_REQUEST.getCode()) {
                return false;
            }
            LOG.warn("retrieval-service answered HTTP {} to a knowledge base lookup", status);
            throw unavailable("answered HTTP " + status);
        } catch (HttpClientException e) {
            LOG.warn("retrieval-service unreachable: {}", e.getMessage());
            throw unavailable("is unreachable");
        }
    }

    private static ApiProblem unavailable(String what) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Knowledge bases cannot be checked",
                "retrieval-service " + what + "; try again shortly", List.of());
    }
}
