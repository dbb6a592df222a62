package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.agenticchat.simulator.mcp.McpServerFake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two agents of one tenant through the product: its admin gives a second agent its own persona,
 * provider (Anthropic's Messages API, beside the default agent's OpenAI-compatible one), model
 * and tools over the gateway; a visitor starts one conversation with it over the WebSocket and
 * one with the default agent, and each thread's model calls carry its own agent's persona, model
 * and tools (the LLM simulator, which speaks both APIs, records every request it is sent). The
 * usage API adds up to what the turns reported, and a budget stops a long answer mid-stream.
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
                "provider", "anthropic", "model", "claude-sim",
                "system_prompt", "You are Sales Sam of Acme. Recommend the Pro plan.", "tools", List.of("create_chart_artifact")));
        assertThat(sales.status()).as(sales.toString()).isEqualTo(201);

        String visitor = api.anonymousSession(tenant).accessToken();
        assertThat(api.get("/api/agents", visitor).body().path("items")).extracting(item -> item.path("slug").asText())
                .containsExactly("default", "sales");
        String salesMarker = "Sales answer " + UUID.randomUUID();
        String defaultMarker = "Default answer " + UUID.randomUUID();
        String salesThread;
        String defaultThread;
        JsonNode salesUsage;
        JsonNode defaultUsage;
        try (WsClient ws = WsClient.authenticated(suite, visitor)) {
            ws.send(Map.of("type", "user_message", "agent", "sales", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[text:" + salesMarker + "]] which plan?"));
            salesThread = ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            assertThat(ws.awaitType("assistant_message", TURN).path("content").asText()).isEqualTo(salesMarker);
            salesUsage = ws.awaitType("turn_completed", TURN);
            ws.send(Map.of("type", "user_message", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[text:" + defaultMarker + "]] hello"));
            defaultThread = ws.await(frame -> frame.path("type").asText().equals("user_message")
                    && !frame.path("thread_id").asText().equals(salesThread), Duration.ofSeconds(15)).path("thread_id").asText();
            defaultUsage = ws.await(frame -> frame.path("type").asText().equals("turn_completed")
                    && frame.path("thread_id").asText().equals(defaultThread), TURN);
        }

        assertThat(api.get("/api/threads/" + salesThread, visitor).body().path("agent").asText()).isEqualTo("sales");
        assertThat(api.get("/api/threads/" + defaultThread, visitor).body().path("agent").isNull()).isTrue();
        JsonNode toSales = requestWith(salesMarker);
        assertThat(toSales.path("api").asText()).isEqualTo("anthropic");
        assertThat(toSales.path("model").asText()).isEqualTo("claude-sim");
        assertThat(toSales.path("messages").get(0).path("content").asText()).isEqualTo("You are Sales Sam of Acme. Recommend the Pro plan.");
        assertThat(toolNames(toSales)).containsExactly("create_chart_artifact");
        JsonNode toDefault = requestWith(defaultMarker);
        assertThat(toDefault.path("api").asText()).isEqualTo("openai");
        assertThat(toDefault.path("model").asText()).isEqualTo("sim-1");
        assertThat(toDefault.path("messages").get(0).path("content").asText()).startsWith("You are a helpful assistant");
        assertThat(toolNames(toDefault)).contains("create_chart_artifact", "update_artifact");

        // The usage the tenant's admin sees adds up to what the two turns reported, per agent and per model.
        JsonNode byAgent = api.get("/api/usage?group_by=agent", admin).body();
        assertThat(group(byAgent, "sales").path("total_tokens").asLong()).isEqualTo(salesUsage.path("usage").path("total_tokens").asLong());
        assertThat(group(byAgent, "default").path("total_tokens").asLong())
                .isEqualTo(defaultUsage.path("usage").path("total_tokens").asLong());
        assertThat(byAgent.path("totals").path("total_tokens").asLong()).isEqualTo(
                salesUsage.path("usage").path("total_tokens").asLong() + defaultUsage.path("usage").path("total_tokens").asLong());
        assertThat(group(byAgent, "sales").path("requests").asInt()).isEqualTo(salesUsage.path("usage").path("llm_calls").asInt());
        JsonNode byModel = api.get("/api/usage?group_by=model", admin).body();
        assertThat(group(byModel, "anthropic/claude-sim").path("input_tokens").asLong())
                .isEqualTo(salesUsage.path("usage").path("input_tokens").asLong());
        assertThat(api.get("/api/usage?group_by=day", visitor).body().path("totals"))
                .isEqualTo(byAgent.path("totals"));

        // Another tenant cannot start a thread with this tenant's agent.
        String stranger = api.anonymousSession().accessToken();
        Api.Response refused = api.post("/api/threads", stranger, Map.of("agent", "sales"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("agent");
    }

    @Test
    void a_users_daily_budget_stops_a_long_answer_mid_stream_keeping_what_was_streamed() {
        String tenant = "budgets-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.operator("POST", "/api/admin/tenants", Map.of("slug", tenant, "name", "Thrift"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String admin = tenantAdmin(tenant).accessToken();
        Api.Response budget = api.post("/api/budgets", admin, Map.of("scope", "user", "period", "day", "metric", "tokens",
                "limit", 7000));
        assertThat(budget.status()).as(budget.toString()).isEqualTo(201);
        String visitor = api.anonymousSession(tenant).accessToken();
        // About 4,800 tokens of request and 4,500 of answer (four characters a token): the budget runs out halfway.
        String answer = "lorem ".repeat(3000).strip();

        StringBuilder streamed = new StringBuilder();
        JsonNode failed;
        try (WsClient ws = WsClient.authenticated(suite, visitor)) {
            ws.send(Map.of("type", "user_message", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[text:" + answer + "]] write a lot"));
            failed = ws.awaitType("turn_failed", TURN);
            ws.received().stream().filter(frame -> frame.path("type").asText().equals("text_delta"))
                    .forEach(frame -> streamed.append(frame.path("delta").asText()));
        }

        assertThat(failed.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(failed.path("message").asText()).isEqualTo("Your daily budget of 7,000 tokens is used up; it resets at 00:00 UTC.");
        assertThat(streamed.toString()).startsWith("lorem lorem");
        assertThat(streamed.length()).isLessThan(answer.length());
        assertThat(api.get("/api/budgets/mine", visitor).body().path("items").get(0).path("percent").asDouble())
                .isGreaterThanOrEqualTo(100.0);
        JsonNode stops = api.get("/api/audit/logs?type=budget.exceeded", admin).body().path("items");
        assertThat(stops).hasSize(1);
        assertThat(stops.get(0).path("summary").asText()).contains("Your daily budget of 7,000 tokens is used up");
        assertThat(api.get("/api/audit/logs?type=budget.threshold", admin).body().path("items"))
                .extracting(entry -> entry.path("details").path("threshold").asInt()).contains(100);
    }

    private static JsonNode group(JsonNode usage, String key) {
        for (JsonNode group : usage.path("groups")) {
            if (group.path("key").asText().equals(key)) {
                return group;
            }
        }
        throw new AssertionError("no usage group " + key + " in " + usage);
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

    @Test
    void a_long_thread_keeps_its_newest_turns_verbatim_within_the_agents_budget_and_the_rest_as_a_summary() {
        String tenant = "context-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.operator("POST", "/api/admin/tenants", Map.of("slug", tenant, "name", "Long talks")).status())
                .isEqualTo(201);
        String admin = tenantAdmin(tenant).accessToken();
        Api.Response brief = api.post("/api/agents", admin, Map.of("slug", "brief", "name", "Brief",
                "system_prompt", "You are brief.", "tools", List.of(), "context_tokens", 2000));
        assertThat(brief.status()).as(brief.toString()).isEqualTo(201);
        assertThat(brief.body().path("context_tokens").asInt()).isEqualTo(2000);

        String visitor = api.anonymousSession(tenant).accessToken();
        List<String> markers = new ArrayList<>();
        try (WsClient ws = WsClient.authenticated(suite, visitor)) {
            String threadId = null;
            for (int i = 0; i < 7; i++) {
                String marker = "question-" + i + "-" + UUID.randomUUID();
                markers.add(marker);
                String clientMessageId = UUID.randomUUID().toString();
                Map<String, Object> frame = new java.util.HashMap<>(Map.of("type", "user_message",
                        "client_message_id", clientMessageId,
                        "content", "[[text:Noted " + i + ".]] " + marker + " " + "the weather was mild and grey ".repeat(40)));
                if (threadId == null) {
                    frame.put("agent", "brief");
                } else {
                    frame.put("thread_id", threadId);
                }
                ws.send(frame);
                JsonNode ack = ws.await(f -> f.path("type").asText().equals("user_message")
                        && f.path("client_message_id").asText().equals(clientMessageId), Duration.ofSeconds(15));
                threadId = ack.path("thread_id").asText();
                String thread = threadId;
                // Turns of a thread run in order and the next message waits for this one: the next completion is its.
                ws.await(f -> f.path("type").asText().equals("turn_completed") && f.path("thread_id").asText().equals(thread), TURN);
            }
        }

        JsonNode last = requestWith(markers.get(6));
        List<String> userTexts = new ArrayList<>();
        last.path("messages").forEach(m -> {
            if (m.path("role").asText().equals("user")) {
                userTexts.add(m.path("content").asText());
            }
        });
        assertThat(last.path("messages").get(0).path("content").asText()).isEqualTo("You are brief.");
        assertThat(last.path("messages").get(1).path("content").asText()).startsWith("Summary of the earlier conversation: ");
        assertThat(userTexts.get(userTexts.size() - 1)).contains(markers.get(6));
        assertThat(userTexts).as("the newest earlier turn is verbatim").anySatisfy(t -> assertThat(t).contains(markers.get(5)));
        assertThat(userTexts).as("the oldest turns are only in the summary").noneSatisfy(t -> assertThat(t).contains(markers.get(0)));
        assertThat(userTexts.size()).isLessThan(7);
    }

    @Test
    void a_tenants_mcp_server_gives_its_agent_a_tool_the_model_calls_during_a_websocket_turn() {
        String tenant = "mcp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.operator("POST", "/api/admin/tenants", Map.of("slug", tenant, "name", "Orders Inc")).status())
                .isEqualTo(201);
        String admin = tenantAdmin(tenant).accessToken();
        String authorization = "Bearer mcp-" + UUID.randomUUID();
        try (McpServerFake orders = McpServerFake.start(authorization)) {
            Api.Response registered = api.post("/api/mcp-servers", admin, Map.of("slug", "orders", "name", "Order desk",
                    "url", orders.streamableHttpUrl(), "transport", "streamable_http",
                    "headers", Map.of("Authorization", authorization)));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            assertThat(registered.body().toString()).doesNotContain(authorization);
            assertThat(api.post("/api/agents", admin, Map.of("slug", "support", "name", "Support",
                    "system_prompt", "You answer about orders.", "mcp_servers", List.of("orders"))).status()).isEqualTo(201);
            String visitor = api.anonymousSession(tenant).accessToken();
            assertThat(api.get("/api/mcp-servers", visitor).status()).as("only admins see the servers").isEqualTo(403);

            JsonNode tool;
            JsonNode answer;
            try (WsClient ws = WsClient.authenticated(suite, visitor)) {
                ws.send(Map.of("type", "user_message", "agent", "support", "client_message_id", UUID.randomUUID().toString(),
                        "content", "[[tool:orders__lookup_order]] where is my parcel?"));
                tool = ws.await(f -> f.path("type").asText().equals("tool_execution")
                        && f.path("status").asText().equals("completed"), TURN);
                answer = ws.awaitType("assistant_message", TURN);
            }

            assertThat(orders.calls()).singleElement().satisfies(call -> assertThat(call.tool()).isEqualTo("lookup_order"));
            String orderId = orders.calls().get(0).arguments().path("order_id").asText();
            String expected = "Order " + orderId + " shipped on 2026-11-30 by parcel post (via streamable_http).";
            assertThat(tool.path("tool_name").asText()).isEqualTo("orders__lookup_order");
            assertThat(tool.path("output").asText()).isEqualTo(expected);
            assertThat(answer.path("content").asText()).contains(expected);
        }
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
