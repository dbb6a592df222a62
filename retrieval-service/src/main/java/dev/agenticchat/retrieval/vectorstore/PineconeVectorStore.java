package dev.agenticchat.retrieval.vectorstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.IdentityStrategy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Embeddings in a Pinecone index (cosine metric, dimension of the knowledge bases' model),
 * over its data-plane REST API. Each tenant's knowledge base is its own namespace, so a query
 * can never reach another tenant's vectors and deleting a knowledge base is one call.
 */
@Singleton
@Requires(property = "retrieval.vector-store", value = "pinecone")
class PineconeVectorStore implements VectorStore {
    static final String API_VERSION = "2025-04";
    private static final int UPSERT_BATCH = 100;
    private static final int DELETE_BATCH = 1000;

    private final PineconeSettings settings;
    private final JsonMapper json;
    private final HttpClient http;
    private volatile String host;

    PineconeVectorStore(PineconeSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static String namespace(String tenantId, UUID knowledgeBaseId) {
        return tenantId + ":" + knowledgeBaseId;
    }

    @Override
    public void upsert(String tenantId, UUID knowledgeBaseId, UUID documentId, List<ChunkVector> vectors) {
        for (int from = 0; from < vectors.size(); from += UPSERT_BATCH) {
            List<Vector> batch = vectors.subList(from, Math.min(vectors.size(), from + UPSERT_BATCH)).stream()
                    .map(v -> new Vector(v.chunkId().toString(), v.vector(), Map.of("document_id", v.documentId().toString())))
                    .toList();
            post("/vectors/upsert", new UpsertRequest(batch, namespace(tenantId, knowledgeBaseId)));
        }
    }

    @Override
    public List<VectorMatch> nearest(String tenantId, UUID knowledgeBaseId, float[] query, int topK) {
        QueryResponse response = read(post("/query",
                new QueryRequest(namespace(tenantId, knowledgeBaseId), query, topK, false, false)), QueryResponse.class);
        List<VectorMatch> matches = new ArrayList<>();
        if (response.matches() != null) {
            response.matches().forEach(m -> matches.add(new VectorMatch(UUID.fromString(m.id()), m.score())));
        }
        return matches;
    }

    @Override
    public void deleteDocument(String tenantId, UUID knowledgeBaseId, List<UUID> chunkIds) {
        for (int from = 0; from < chunkIds.size(); from += DELETE_BATCH) {
            List<String> ids = chunkIds.subList(from, Math.min(chunkIds.size(), from + DELETE_BATCH)).stream()
                    .map(UUID::toString).toList();
            deleteTolerantOfMissingNamespace(new DeleteRequest(ids, null, namespace(tenantId, knowledgeBaseId)));
        }
    }

    @Override
    public void deleteKnowledgeBase(String tenantId, UUID knowledgeBaseId) {
        deleteTolerantOfMissingNamespace(new DeleteRequest(null, true, namespace(tenantId, knowledgeBaseId)));
    }

    /** A namespace that never received a vector does not exist, and Pinecone answers 404 for it: nothing to delete. */
    private void deleteTolerantOfMissingNamespace(DeleteRequest request) {
        try {
            post("/vectors/delete", request);
        } catch (PineconeException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private byte[] post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host() + path))
                .timeout(settings.timeout())
                .header("Api-Key", settings.apiKey())
                .header("X-Pinecone-API-Version", API_VERSION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body)))
                .build();
        return send(request);
    }

    private byte[] send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new PineconeException(response.statusCode(), request.method() + " " + request.uri().getPath()
                        + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Pinecone is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Pinecone", e);
        }
    }

    /** The index host, configured or looked up once by index name on the control plane. */
    private String host() {
        String known = host;
        if (known == null) {
            known = settings.indexHost() != null && !settings.indexHost().isBlank() ? settings.indexHost() : describeIndex();
            known = known.startsWith("http") ? known : "https://" + known;
            host = known.endsWith("/") ? known.substring(0, known.length() - 1) : known;
        }
        return host;
    }

    private String describeIndex() {
        if (settings.indexName() == null || settings.indexName().isBlank()) {
            throw new IllegalStateException("set PINECONE_INDEX_HOST or PINECONE_INDEX_NAME");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.controlPlaneUrl() + "/indexes/" + settings.indexName()))
                .timeout(settings.timeout())
                .header("Api-Key", settings.apiKey())
                .header("X-Pinecone-API-Version", API_VERSION)
                .GET().build();
        return read(send(request), IndexDescription.class).host();
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected answer from Pinecone", e);
        }
    }

    /** Pinecone's wire format is camelCase, unlike our API: the names are spelled out. */
    @Serdeable(naming = IdentityStrategy.class)
    record Vector(String id, float[] values, Map<String, String> metadata) {
    }

    @Serdeable(naming = IdentityStrategy.class)
    record UpsertRequest(List<Vector> vectors, String namespace) {
    }

    @Serdeable(naming = IdentityStrategy.class)
    record QueryRequest(String namespace, float[] vector, @JsonProperty("topK") int topK,
                        @JsonProperty("includeValues") boolean includeValues,
                        @JsonProperty("includeMetadata") boolean includeMetadata) {
    }

    @Serdeable(naming = IdentityStrategy.class)
    record QueryResponse(@Nullable List<Match> matches) {
    }

    @Serdeable(naming = IdentityStrategy.class)
    record Match(String id, double score) {
    }

    @Serdeable(naming = IdentityStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeleteRequest(@Nullable List<String> ids, @JsonProperty("deleteAll") @Nullable Boolean deleteAll, String namespace) {
    }

    @Serdeable(naming = IdentityStrategy.class)
    record IndexDescription(String host) {
    }

    static final class PineconeException extends RuntimeException {
        private final int status;

        PineconeException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
