package dev.agenticchat.retrieval;

import static dev.agenticchat.retrieval.fixtures.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every knowledge-base and document endpoint, called by each kind of caller, for a private
 * knowledge base and a tenant one: the status each gets is the rule (README, roles table).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeBaseOwnershipIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String owner = jwks.token(tenant, "owner-" + UUID.randomUUID());
    private final String neighbour = jwks.token(tenant, "neighbour-" + UUID.randomUUID());
    private final String person = jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON);
    private final String admin = jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN);
    private final String stranger = jwks.token("tenant-" + UUID.randomUUID(), "stranger", Role.PERSON, Role.TENANT_ADMIN);
    private String privateKb;
    private String privateDoc;
    private String tenantKb;
    private String tenantDoc;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "retrieval.ingestion.topic", TestKafka.createTopic(Topics.RETRIEVAL_INGESTION, 12));
    }

    @BeforeAll
    void createOnePrivateAndOneTenantKnowledgeBase() {
        privateKb = id(call(owner, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "My notes"))));
        privateDoc = id(call(owner, upload(privateKb, "notes.txt", "The spare key is under the blue flowerpot.")));
        tenantKb = id(call(admin, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Store policies", "owner", "tenant"))));
        tenantDoc = id(call(admin, upload(tenantKb, "returns.txt", "Items can be returned within 30 days with the receipt.")));
        // Indexed, so that reading the text answers with the caller's right, not "not extracted yet".
        for (Map.Entry<String, String> doc : Map.of(privateDoc, owner, tenantDoc, admin).entrySet()) {
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    "indexed".equals(call(doc.getValue(), HttpRequest.GET("/api/documents/" + doc.getKey())).body().get("status")));
        }
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void a_private_knowledge_base_exists_only_for_its_owner() {
        Map<String, Function<String, Integer>> endpoints = endpoints(privateKb, privateDoc);
        assertThat(statuses(endpoints, owner)).as("its owner").containsExactlyEntriesOf(expect(endpoints,
                200, 200, 200, 200, 200, 200, 202, 204, 204));
        for (String other : List.of(neighbour, person, admin, stranger)) {
            assertThat(statuses(endpoints, other)).as("anyone else, tenant admins included")
                    .containsExactlyEntriesOf(expect(endpoints, 404, 404, 404, 404, 404, 404, 404, 404, 404));
        }
        assertThat(names(neighbour)).doesNotContain("My notes");
        assertThat(names(admin)).doesNotContain("My notes");
        assertThat(names(owner)).contains("My notes");
    }

    @Test
    void every_user_of_the_tenant_reads_and_searches_a_tenant_knowledge_base_and_only_its_admins_change_it() {
        Map<String, Function<String, Integer>> endpoints = endpoints(tenantKb, tenantDoc);
        for (String member : List.of(owner, neighbour, person)) {
            assertThat(statuses(endpoints, member)).as("a visitor or person of the tenant")
                    .containsExactlyEntriesOf(expect(endpoints, 200, 200, 200, 200, 403, 403, 403, 403, 403));
            assertThat(names(member)).contains("Store policies");
        }
        assertThat(statuses(endpoints, stranger)).as("another tenant's admin")
                .containsExactlyEntriesOf(expect(endpoints, 404, 404, 404, 404, 404, 404, 404, 404, 404));
        assertThat(names(stranger)).doesNotContain("Store policies");
        assertThat(statuses(endpoints, admin)).as("the tenant's admin")
                .containsExactlyEntriesOf(expect(endpoints, 200, 200, 200, 200, 200, 200, 202, 204, 204));
    }

    @Test
    void a_tenant_knowledge_base_is_created_by_tenant_admins_only() {
        assertThat(status(owner, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Ours", "owner", "tenant")))).isEqualTo(403);
        assertThat(status(person, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Ours", "owner", "tenant")))).isEqualTo(403);
        assertThat(status(owner, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Ours", "owner", "everyone")))).isEqualTo(400);
        HttpResponse<Map> created = call(admin, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Ours", "owner", "tenant")));
        assertThat(created.body()).containsEntry("owner", "tenant");
        assertThat(call(owner, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Mine"))).body()).containsEntry("owner", "user");
    }

    @Test
    void without_a_token_every_endpoint_answers_401() {
        Map<String, Function<String, Integer>> endpoints = endpoints(tenantKb, tenantDoc);
        assertThat(statuses(endpoints, null)).containsExactlyEntriesOf(expect(endpoints, 401, 401, 401, 401, 401, 401, 401, 401, 401));
    }

    /**
     * Each endpoint on {@code kb} and its document {@code doc}. The two deletions act on a fresh
     * document and knowledge base of the same kind, so every caller finds one to try.
     */
    private Map<String, Function<String, Integer>> endpoints(String kb, String doc) {
        Map<String, Function<String, Integer>> endpoints = new LinkedHashMap<>();
        endpoints.put("GET kb", t -> status(t, HttpRequest.GET("/api/knowledge-bases/" + kb)));
        endpoints.put("POST search", t -> status(t, HttpRequest.POST("/api/knowledge-bases/" + kb + "/search",
                Map.of("query", "returned receipt key"))));
        endpoints.put("GET documents", t -> status(t, HttpRequest.GET("/api/knowledge-bases/" + kb + "/documents")));
        endpoints.put("GET document", t -> status(t, HttpRequest.GET("/api/documents/" + doc)));
        endpoints.put("GET document text", t -> status(t, HttpRequest.GET("/api/documents/" + doc + "/text")));
        endpoints.put("PATCH kb", t -> status(t, HttpRequest.PATCH("/api/knowledge-bases/" + kb, Map.of("description", "edited"))));
        endpoints.put("POST document", t -> status(t, upload(kb, "extra-" + UUID.randomUUID() + ".txt", "Extra " + UUID.randomUUID())));
        endpoints.put("DELETE document", t -> status(t, HttpRequest.DELETE("/api/documents/" + throwawayDocument(kb))));
        endpoints.put("DELETE kb", t -> status(t, HttpRequest.DELETE("/api/knowledge-bases/" + throwawayKnowledgeBase(kb))));
        return endpoints;
    }

    /** A new document in {@code kb}, uploaded by whoever may. */
    private String throwawayDocument(String kb) {
        String uploader = kb.equals(privateKb) ? owner : admin;
        return id(call(uploader, upload(kb, "throwaway-" + UUID.randomUUID() + ".txt", "Throwaway " + UUID.randomUUID())));
    }

    /** A new knowledge base owned like {@code kb}, so deleting it leaves the shared fixtures in place. */
    private String throwawayKnowledgeBase(String kb) {
        return kb.equals(privateKb)
                ? id(call(owner, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Throwaway"))))
                : id(call(admin, HttpRequest.POST("/api/knowledge-bases", Map.of("name", "Throwaway", "owner", "tenant"))));
    }

    private static Map<String, Integer> statuses(Map<String, Function<String, Integer>> endpoints, String token) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        endpoints.forEach((name, call) -> statuses.put(name, call.apply(token)));
        return statuses;
    }

    private static Map<String, Integer> expect(Map<String, Function<String, Integer>> endpoints, Integer... codes) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        List<String> names = List.copyOf(endpoints.keySet());
        for (int i = 0; i < names.size(); i++) {
            expected.put(names.get(i), codes[i]);
        }
        return expected;
    }

    private List<Object> names(String token) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) call(token, HttpRequest.GET("/api/knowledge-bases")).body().get("items");
        return items.stream().map(kb -> kb.get("name")).toList();
    }

    private static MutableHttpRequest<MultipartBody> upload(String kb, String filename, String content) {
        MultipartBody body = MultipartBody.builder().addPart("file", filename, MediaType.TEXT_PLAIN_TYPE, text(content)).build();
        return HttpRequest.POST("/api/knowledge-bases/" + kb + "/documents", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE);
    }

    private int status(String token, MutableHttpRequest<?> request) {
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private HttpResponse<Map> call(String token, MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request.bearerAuth(token), Map.class);
    }

    private static String id(HttpResponse<Map> response) {
        return (String) response.body().get("id");
    }
}
