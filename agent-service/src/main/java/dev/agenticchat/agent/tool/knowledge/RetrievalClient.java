package dev.agenticchat.agent.tool.knowledge;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * retrieval-service's hybrid search ({@code POST /api/knowledge-bases/{kb}/search}), called on
 * behalf of the turn's user with the service credential. A knowledge base the user cannot
 * see (deleted meanwhile) answers 404 and yields nothing; any other failure is an exception
 * whose message says what went wrong.
 */
@Singleton
public class RetrievalClient {
    private final HttpClient http;
    private final ServiceCredentials credentials;

    RetrievalClient(@Client(id = "retrieval-service") HttpClient http, ServiceCredentials credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    /** The hits of one knowledge base, best first; empty when the knowledge base is gone. */
    Optional<List<Passage>> search(String knowledgeBaseId, String query, int topK, ToolContext context)
            throws InterruptedException, RetrievalUnavailableException {
        String path = UriBuilder.of("/api/knowledge-bases").path(knowledgeBaseId).path("search").build().toString();
        HttpRequest<SearchRequest> request = HttpRequest.POST(path, new SearchRequest(query, "hybrid", topK, 0))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, context.tenantId())
                .header(ServiceCredentials.USER_HEADER, context.userId());
        try {
            SearchResponse response = http.toBlocking().retrieve(request, SearchResponse.class);
            List<Hit> hits = response == null || response.results() == null ? List.of() : response.results();
            return Optional.of(hits.stream().filter(Hit::usable).map(Hit::passage).toList());
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() == 404) {
                return Optional.empty();
            }
            throw new RetrievalUnavailableException("retrieval-service answered HTTP " + e.getStatus().getCode());
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            if (e instanceof ReadTimeoutException) {
                throw new RetrievalUnavailableException("retrieval-service did not answer in time");
            }
            if (e instanceof HttpClientException) {
                throw new RetrievalUnavailableException("retrieval-service is unreachable");
            }
            throw e;
        }
    }

    /**
     * Who owns the knowledge base ({@code tenant} or {@code user}) as the user sees it; empty when
     * the user cannot see it (another user's, another tenant's, none).
     */
    public Optional<String> ownerOf(String knowledgeBaseId, String tenantId, String userId) throws RetrievalUnavailableException {
        String path = UriBuilder.of("/api/knowledge-bases").path(knowledgeBaseId).build().toString();
        HttpRequest<?> request = HttpRequest.GET(path)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, tenantId)
                .header(ServiceCredentials.USER_HEADER, userId);
        try {
            KnowledgeBaseOwner found = http.toBlocking().retrieve(request, KnowledgeBaseOwner.class);
            return Optional.ofNullable(found == null ? null : found.owner());
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() == 404 || e.getStatus().getCode() == 400) {
                return Optional.empty();
            }
            throw new RetrievalUnavailableException("retrieval-service answered HTTP " + e.getStatus().getCode());
        } catch (HttpClientException e) {
            throw new RetrievalUnavailableException(e instanceof ReadTimeoutException
                    ? "retrieval-service did not answer in time" : "retrieval-service is unreachable");
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record KnowledgeBaseOwner(@Nullable String owner) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SearchRequest(String query, String mode, int topK, double minScore) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SearchResponse(@Nullable List<Hit> results) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Hit(@Nullable String chunkId, @Nullable String documentId, @Nullable String title, @Nullable Integer page,
               @Nullable Integer startOffset, @Nullable Integer endOffset, @Nullable String text, double score) {

        boolean usable() {
            return chunkId != null && documentId != null && text != null && !text.isBlank();
        }

        Passage passage() {
            Integer validPage = page != null && page >= 1 ? page : null;
            return new Passage(chunkId, documentId, title == null ? "" : title, validPage, text, score);
        }
    }

    /** The search could not be made; the message is fit for the model. */
    public static final class RetrievalUnavailableException extends Exception {
        RetrievalUnavailableException(String message) {
            super(message);
        }
    }
}
