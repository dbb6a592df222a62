package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant knowledge base through the product: the tenant admin builds it, a visitor of the
 * tenant may neither change it nor read its documents' text, yet attaches it to their thread and
 * gets an answer whose citations point into the tenant's document.
 */
class TenantKnowledgeE2EIT {
    private static final Duration TURN = Duration.ofSeconds(60);
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void a_visitor_who_cannot_touch_a_tenant_knowledge_base_gets_an_answer_that_cites_it() {
        String tenant = "handbook-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.operator("POST", "/api/admin/tenants", Map.of("slug", tenant, "name", "Acme"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String admin = tenantAdmin(tenant).accessToken();

        Api.Response kb = api.post("/api/knowledge-bases", admin, Map.of("name", "Acme handbook", "owner", "tenant"));
        assertThat(kb.status()).as(kb.toString()).isEqualTo(201);
        String kbId = kb.body().path("id").asText();
        String handbook = "Welcome to Acme. Employees receive twenty-seven vacation days per year, taken in blocks of "
                + "at least two days. Remote work is possible on Fridays. The cafeteria opens at eight.";
        Api.Response upload = api.upload("/api/knowledge-bases/" + kbId + "/documents", admin, "handbook.txt",
                handbook.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        String documentId = upload.body().path("id").asText();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(api.get("/api/documents/" + documentId, admin).body().path("status").asText()).isEqualTo("indexed"));

        String visitor = api.anonymousSession(tenant).accessToken();
        JsonNode listed = api.get("/api/knowledge-bases", visitor).body().path("items");
        assertThat(listed).filteredOn(item -> item.path("id").asText().equals(kbId))
                .singleElement().satisfies(item -> assertThat(item.path("owner").asText()).isEqualTo("tenant"));
        // Seeing is not changing: every change, and the document's text, is for tenant admins.
        assertThat(api.exchange("PATCH", "/api/knowledge-bases/" + kbId, bearer(visitor), "application/json",
                "{\"name\": \"Mine now\"}".getBytes(StandardCharsets.UTF_8)).status()).as("rename").isEqualTo(403);
        assertThat(api.exchange("DELETE", "/api/knowledge-bases/" + kbId, bearer(visitor), null, null).status())
                .as("delete").isEqualTo(403);
        assertThat(api.upload("/api/knowledge-bases/" + kbId + "/documents", visitor, "rumours.txt",
                "Vacation is unlimited.".getBytes(StandardCharsets.UTF_8)).status()).as("upload").isEqualTo(403);
        assertThat(api.exchange("DELETE", "/api/documents/" + documentId, bearer(visitor), null, null).status())
                .as("delete the document").isEqualTo(403);
        assertThat(api.get("/api/documents/" + documentId + "/text", visitor).status()).as("read the text").isEqualTo(403);
        assertThat(api.get("/api/knowledge-bases/" + kbId, visitor).body().path("name").asText()).isEqualTo("Acme handbook");
        assertThat(api.get("/api/knowledge-bases/" + kbId + "/documents", visitor).body().path("items"))
                .extracting(item -> item.path("id").asText()).containsExactly(documentId);

        try (WsClient ws = WsClient.authenticated(suite, visitor)) {
            Api.Response thread = api.post("/api/threads", visitor, Map.of("title", "Time off"));
            assertThat(thread.status()).isEqualTo(201);
            String threadId = thread.body().path("id").asText();
            Api.Response attached = api.exchange("PATCH", "/api/threads/" + threadId, bearer(visitor), "application/json",
                    ("{\"knowledge_base_ids\": [\"" + kbId + "\"]}").getBytes(StandardCharsets.UTF_8));
            assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
            assertThat(attached.body().path("knowledge_base_ids")).extracting(JsonNode::asText).containsExactly(kbId);

            ws.send(Map.of("type", "user_message", "thread_id", threadId, "client_message_id", UUID.randomUUID().toString(),
                    "content", "search: how many vacation days do employees receive"));
            JsonNode answer = ws.awaitType("assistant_message", TURN);
            assertThat(answer.path("thread_id").asText()).isEqualTo(threadId);
            JsonNode citations = answer.path("citations");
            assertThat(citations).isNotEmpty();
            assertThat(citations.get(0).path("document_id").asText()).isEqualTo(documentId);
            assertThat(citations.get(0).path("passage").asText()).contains("twenty-seven vacation days");
            assertThat(ws.received()).anySatisfy(frame -> {
                assertThat(frame.path("type").asText()).isEqualTo("tool_execution");
                assertThat(frame.path("tool_name").asText()).isEqualTo("search_knowledge");
            });
        }
    }

    /** A person of the tenant whom the operator named its admin; the role is in the token after the naming. */
    private static Api.Session tenantAdmin(String tenant) {
        String email = "admin-" + UUID.randomUUID() + "@acme.example";
        Api.Session person = api.linkEmail(api.anonymousSession(tenant), email, () -> Api.codeMailedTo(suite.mail(), email));
        Api.Response named = api.operator("POST", "/api/admin/tenants/" + tenant + "/admins", Map.of("email", email));
        assertThat(named.status()).as(named.toString()).isEqualTo(201);
        Api.Session admin = api.refresh(person);
        assertThat(api.get("/api/me", admin.accessToken()).body().path("roles")).extracting(JsonNode::asText).contains("tenant_admin");
        return admin;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
