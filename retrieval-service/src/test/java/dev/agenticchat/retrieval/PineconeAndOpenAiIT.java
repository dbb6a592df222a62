package dev.agenticchat.retrieval;

import static dev.agenticchat.retrieval.fixtures.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.retrieval.fixtures.FakeOpenAiEmbeddings;
import dev.agenticchat.retrieval.fixtures.FakePinecone;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The production configuration: OpenAI embeddings and a Pinecone index, both real HTTP servers
 * in the test speaking the vendors' protocols. Chunks and keywords stay in Postgres.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PineconeAndOpenAiIT implements TestPropertyProvider {
    private static final int PARTITIONS = 12;
    private final TestJwks jwks = TestJwks.start();
    private final FakeOpenAiEmbeddings openAi = FakeOpenAiEmbeddings.start("sk-test-" + UUID.randomUUID());
    private final FakePinecone pinecone = FakePinecone.start("pc-test-key");
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String token = jwks.token(tenant, "carol");

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "retrieval.vector-store", "pinecone",
                "retrieval.pinecone.api-key", "pc-test-key",
                "retrieval.pinecone.index-host", pinecone.host(),
                "retrieval.embeddings.openai.api-key", openAi.apiKey(),
                "retrieval.embeddings.openai.base-url", openAi.baseUrl(),
                "retrieval.ingestion.topic", TestKafka.createTopic(Topics.RETRIEVAL_INGESTION, PARTITIONS));
    }

    @AfterAll
    void stop() {
        jwks.close();
        openAi.close();
        pinecone.close();
    }

    @Test
    void embeds_with_openai_stores_vectors_in_the_tenants_pinecone_namespace_and_finds_them() {
        String kb = createKnowledgeBase();
        String lighthouse = upload(kb, "lighthouse.txt", "Lighthouses guide ships safely along rocky coasts at night.");
        String orchard = upload(kb, "orchard.txt", "Apple orchards bloom in spring and are harvested in autumn.");
        awaitIndexed(lighthouse);
        awaitIndexed(orchard);

        String namespace = tenant + ":" + kb;
        assertThat(pinecone.namespaceSizes()).containsEntry(namespace, 2);
        assertThat(openAi.requests()).allSatisfy(request ->
                assertThat(request.path("model").asText()).isEqualTo("text-embedding-3-small"));
        for (String mode : List.of("vector", "hybrid")) {
            List<Map<String, Object>> results = search(kb, Map.of("query", "when are apple orchards harvested", "mode", mode));
            assertThat(results).as(mode).isNotEmpty();
            assertThat(results.get(0)).as(mode).containsEntry("document_id", orchard).containsEntry("title", "orchard.txt");
        }

        http.toBlocking().exchange(HttpRequest.DELETE("/api/documents/" + orchard).bearerAuth(token));
        assertThat(pinecone.namespaceSizes()).containsEntry(namespace, 1);
        http.toBlocking().exchange(HttpRequest.DELETE("/api/knowledge-bases/" + kb).bearerAuth(token));
        assertThat(pinecone.namespaceSizes()).doesNotContainKey(namespace);
    }

    @Test
    void retries_an_overloaded_embedding_endpoint_records_the_failure_once_retries_run_out_and_retries_on_reupload() {
        String kb = createKnowledgeBase();
        openAi.failNext(3);
        String recovered = upload(kb, "tides.txt", "Tides rise and fall twice a day with the moon.");
        awaitStatus(recovered, "indexed");
        assertThat((Object) statusOf(recovered).get("chunk_count")).isEqualTo(1);

        openAi.failNext(1_000);
        String lost = upload(kb, "dunes.txt", "Sand dunes wander with the wind across the desert.");
        Map<?, ?> failed = awaitStatus(lost, "failed");
        assertThat((String) failed.get("failure_reason")).contains("failed 3 times");
        openAi.failNext(0);
        assertThat(search(kb, Map.of("query", "sand dunes desert", "mode", "keyword"))).isEmpty();

        MultipartBody again = MultipartBody.builder().addPart("file", "dunes.txt", MediaType.TEXT_PLAIN_TYPE,
                text("Sand dunes wander with the wind across the desert.")).build();
        HttpResponse<Map> retried = http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases/" + kb + "/documents", again)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(token), Map.class);
        assertThat(retried.getStatus().getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());
        assertThat((Object) retried.body().get("id")).isEqualTo(lost);
        assertThat((Object) retried.body().get("duplicate")).isEqualTo(true);
        awaitStatus(lost, "indexed");
        assertThat(search(kb, Map.of("query", "sand dunes desert", "mode", "keyword")))
                .extracting(result -> result.get("document_id")).containsExactly(lost);
    }

    @Test
    void a_tenant_waiting_on_a_slow_document_does_not_hold_up_another_tenant_on_the_same_partition() {
        String kb = createKnowledgeBase();
        String neighbour = tenantOnTheSamePartitionAs(tenant);
        String neighbourToken = jwks.token(neighbour, "dave");
        Map<?, ?> neighbourKb = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Local model"))
                .bearerAuth(neighbourToken), Map.class);

        openAi.hold();
        try {
            String slow = upload(kb, "slow.txt", "Glaciers carve valleys over thousands of years.");
            await().atMost(Duration.ofSeconds(30)).until(openAi::waiting, waiting -> waiting > 0);
            MultipartBody body = MultipartBody.builder().addPart("file", "quick.txt", MediaType.TEXT_PLAIN_TYPE,
                    text("Hummingbirds hover by beating their wings very fast.")).build();
            Map<?, ?> quick = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases/" + neighbourKb.get("id") + "/documents", body)
                    .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(neighbourToken), Map.class);

            // Well within the 30 s the slow document is held: processed per partition, it would wait for them.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(
                    () -> http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + quick.get("id")).bearerAuth(neighbourToken), Map.class),
                    doc -> "indexed".equals(doc.get("status")));
            assertThat((Object) statusOf(slow).get("status")).isEqualTo("processing");
            openAi.release();
            awaitStatus(slow, "indexed");
        } finally {
            openAi.release();
        }
    }

    /** Another tenant whose ingestion commands land on the same partition of the ingestion topic. */
    private static String tenantOnTheSamePartitionAs(String tenantId) {
        int partition = partitionOf(tenantId);
        while (true) {
            String candidate = "tenant-" + UUID.randomUUID();
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private Map<?, ?> statusOf(String documentId) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + documentId).bearerAuth(token), Map.class);
    }

    private Map<?, ?> awaitStatus(String documentId, String status) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> statusOf(documentId), doc -> status.equals(doc.get("status")));
    }

    private String createKnowledgeBase() {
        Map<?, ?> kb = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases",
                Map.of("name", "Vendor-backed", "embedding_model", "text-embedding-3-small")).bearerAuth(token), Map.class);
        assertThat((Object) kb.get("embedding_model")).isEqualTo("text-embedding-3-small");
        return (String) kb.get("id");
    }

    private String upload(String kb, String filename, String content) {
        MultipartBody body = MultipartBody.builder().addPart("file", filename, MediaType.TEXT_PLAIN_TYPE, text(content)).build();
        Map<?, ?> doc = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases/" + kb + "/documents", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(token), Map.class);
        return (String) doc.get("id");
    }

    private List<Map<String, Object>> search(String kb, Map<String, Object> body) {
        Map<?, ?> response = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases/" + kb + "/search", body)
                .bearerAuth(token), Map.class);
        return (List<Map<String, Object>>) response.get("results");
    }

    private void awaitIndexed(String documentId) {
        awaitStatus(documentId, "indexed");
    }
}
