package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two agents of one tenant through the product: its admin gives a second agent its own persona,
 * model and tools over the gateway; a visitor starts one conversation with it over the WebSocket
 * and one with the default agent, and each thread's model calls carry its own agent's persona,
 * model and tools (the LLM simulator records every request it is sent).
 */
class AgentsE2EIT {
    private static final Duration TURN = Duration.ofSeconds(60);
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void each_thread_is_answered_by_the_agent_it_was_started_with() {
        String tenant = "agents-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.operator("POST", "/api/admin/tenants", Map.of("slug", tenant, "name", "Acme"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String admin = tenantAdmin(tenant).accessToken();
        Api.Response sales = api.post("/api/agents", admin, Map.of("slug", "sales", "name", "Sales Sam",
                "model", "sim-sales", "system_prompt", "You are Sales Sam of Acme. Recommend the Pro plan.",
                "tools", List.of("create_chart_artifact")));
        assertThat(sales.status()).as(sales.toString()).isEqualTo(201);

        String visitor = api.anonymousSession(tenant).accessToken();
        assertThat(api.get("/api/agents", visitor).body().path("items")).extracting(item -> item.path("slug").asText())
                .containsExactly("default", "sales");
        String salesMarker = "Sales answer " + UUID.randomUUID();
        String defaultMarker = "Default answer " + UUID.randomUUID();
        String salesThread;
        String defaultThread;
        try (WsClient ws = WsClient.authenticated(suite, visitor)) {
            ws.send(Map.of("type", "user_message", "agent", "sales", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[text:" + salesMarker + "]] which plan?"));
            salesThread = ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            assertThat(ws.awaitType("assistant_message", TURN).path("content").asText()).isEqualTo(salesMarker);
            ws.send(Map.of("type", "user_message", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[text:" + defaultMarker + "]] hello"));
            defaultThread = ws.await(frame -> frame.path("type").asText().equals("user_message")
                    && !frame.path("thread_id").asText().equals(salesThread), Duration.ofSeconds(15)).path("thread_id").asText();
            ws.await(frame -> frame.path("type").asText().equals("assistant_message")
                    && frame.path("thread_id").asText().equals(defaultThread), TURN);
        }

        assertThat(api.get("/api/threads/" + salesThread, visitor).body().path("agent").asText()).isEqualTo("sales");
        assertThat(api.get("/api/threads/" + defaultThread, visitor).body().path("agent").isNull()).isTrue();
        JsonNode toSales = requestWith(salesMarker);
        assertThat(toSales.path("model").asText()).isEqualTo("sim-sales");
        assertThat(toSales.path("messages").get(0).path("content").asText()).isEqualTo("You are Sales Sam of Acme. Recommend the Pro plan.");
        assertThat(toolNames(toSales)).containsExactly("create_chart_artifact");
        JsonNode toDefault = requestWith(defaultMarker);
        assertThat(toDefault.path("model").asText()).isEqualTo("sim-1");
        assertThat(toDefault.path("messages").get(0).path("content").asText()).startsWith("You are a helpful assistant");
        assertThat(toolNames(toDefault)).contains("create_chart_artifact", "update_artifact");

        // Another tenant cannot start a thread with this tenant's agent.
        String stranger = api.anonymousSession().accessToken();
        Api.Response refused = api.post("/api/threads", stranger, Map.of("agent", "sales"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("agent");
    }

    private static JsonNode requestWith(String marker) {
        return suite.simulator().requests().stream().filter(request -> request.toString().contains(marker))
                .findFirst().orElseThrow(() -> new AssertionError("the model was never asked about " + marker));
    }

    private static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }

    private static Api.Session tenantAdmin(String tenant) {
        String email = "admin-" + UUID.randomUUID() + "@acme.example";
        Api.Session person = api.linkEmail(api.anonymousSession(tenant), email, () -> Api.codeMailedTo(suite.mail(), email));
        Api.Response named = api.operator("POST", "/api/admin/tenants/" + tenant + "/admins", Map.of("email", email));
        assertThat(named.status()).as(named.toString()).isEqualTo(201);
        Api.Session admin = api.refresh(person);
        assertThat(api.get("/api/me", admin.accessToken()).body().path("roles")).extracting(JsonNode::asText).contains("tenant_admin");
        return admin;
    }
}
