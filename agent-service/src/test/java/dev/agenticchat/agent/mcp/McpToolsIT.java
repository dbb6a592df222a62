package dev.agenticchat.agent.mcp;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static dev.agenticchat.agent.fixtures.AgentDatabase.toolCallsOfTurn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.CapturedOutput;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.simulator.mcp.McpServerFake;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * MCP servers' tools in real turns: real Postgres and Kafka, the LLM simulator as the model (it
 * calls the tool a message names with {@code [[tool:NAME]]}, with arguments made from the tool's
 * schema) and {@link McpServerFake}s as the servers, over streamable HTTP and over HTTP+SSE, each
 * requiring the Authorization header it was registered with.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpToolsIT implements TestPropertyProvider {
    private final CapturedOutput output = CapturedOutput.start();
    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("mcp-tools-it.chat.messages", 3);
    private final String token = "mcp-token-" + UUID.randomUUID();
    private final McpServerFake orders = McpServerFake.start("Bearer " + token);
    private AgentEventLog events;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;
    @Inject
    McpSettings settings;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
        properties.put("agent.llm.base-url", simulator.baseUrl());
        properties.put("agent.mcp.allow-private-addresses", "true");
        properties.put("agent.mcp.call-timeout", "2s");
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        orders.close();
        simulator.close();
        jwks.close();
        output.close();
    }

    @Test
    void the_model_calls_a_tool_over_streamable_http_and_another_over_sse_and_reads_their_results() throws Exception {
        Tenant tenant = new Tenant();
        tenant.server("orders", orders.streamableHttpUrl(), "streamable_http", "Bearer " + token);
        tenant.server("archive", orders.sseUrl(), "sse", "Bearer " + token);
        tenant.agent("support", List.of("orders", "archive"));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant.id);
        int before = orders.calls().size();
        long initializedBefore = orders.methods().stream().filter("initialize"::equals).count();

        String thread = ChatMessages.newThread();
        MessagePosted overHttp = chat.postForAgent(thread, "[[tool:orders__lookup_order]] where is my order?", "support");
        TurnCompleted httpAnswer = events.awaitCompleted(thread, overHttp.messageId());

        JsonNode offered = requestWith(overHttp.content());
        assertThat(toolNames(offered)).containsExactly("orders__lookup_order", "orders__refund_order", "orders__slow_lookup",
                "archive__lookup_order", "archive__refund_order", "archive__slow_lookup");
        JsonNode lookup = function(offered, "orders__lookup_order");
        assertThat(lookup.path("description").asText()).isEqualTo("Looks up an order's shipping status by its id.");
        assertThat(lookup.path("parameters").path("properties").path("order_id").path("type").asText()).isEqualTo("string");
        assertThat(lookup.path("parameters").path("required").toString()).isEqualTo("[\"order_id\"]");
        assertThat(orders.calls().subList(before, orders.calls().size())).singleElement().satisfies(call -> {
            assertThat(call.transport()).isEqualTo("streamable_http");
            assertThat(call.tool()).isEqualTo("lookup_order");
            assertThat(call.arguments().path("order_id").asText()).isNotBlank();
        });
        String orderId = orders.calls().get(before).arguments().path("order_id").asText();
        String expected = "Order " + orderId + " shipped on 2026-11-30 by parcel post (via streamable_http).";
        ToolCallCompleted result = events.events(thread, ToolCallCompleted.class).get(0);
        assertThat(result.toolName()).isEqualTo("orders__lookup_order");
        assertThat(result.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        assertThat(result.output()).isEqualTo(expected);
        assertThat(lastRequestOf(overHttp.content()).toString()).as("the result reaches the model").contains(expected);
        assertThat(httpAnswer.content()).contains(expected);
        assertThat(toolCallsOfTurn(httpAnswer.turnId())).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("tool_name", "orders__lookup_order").containsEntry("status", "completed")
                .containsEntry("output", expected));
        assertThat(orders.methods()).containsSubsequence("initialize", "notifications/initialized", "tools/list", "tools/call");

        String sseThread = ChatMessages.newThread();
        MessagePosted overSse = chat.postForAgent(sseThread, "[[tool:archive__lookup_order]] and the old one?", "support");
        TurnCompleted sseAnswer = events.awaitCompleted(sseThread, overSse.messageId());
        String viaSse = "shipped on 2026-11-30 by parcel post (via sse).";
        assertThat(orders.calls()).hasSize(before + 2).last().satisfies(call -> assertThat(call.transport()).isEqualTo("sse"));
        assertThat(toolCallsOfTurn(sseAnswer.turnId())).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("tool_name", "archive__lookup_order").containsEntry("status", "completed");
            assertThat((String) row.get("output")).endsWith(viaSse);
        });
        assertThat(lastRequestOf(overSse.content()).toString()).contains(viaSse);
        assertThat(sseAnswer.content()).contains(viaSse);
        MessagePosted again = chat.postForAgent(ChatMessages.newThread(), "[[tool:orders__lookup_order]] once more", "support");
        events.awaitCompleted(again.threadId(), again.messageId());
        assertThat(orders.calls()).hasSize(before + 3);
        assertThat(orders.methods().stream().filter("initialize"::equals).count()).as("one connection per server, reused")
                .isEqualTo(initializedBefore + 2);
    }

    @Test
    void an_error_result_is_a_failed_call_the_model_reads_and_the_turn_goes_on() {
        Tenant tenant = new Tenant();
        tenant.server("orders", orders.streamableHttpUrl(), "streamable_http", "Bearer " + token);
        tenant.agent("support", List.of("orders"));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant.id);

        String thread = ChatMessages.newThread();
        MessagePosted message = chat.postForAgent(thread, "[[tool:orders__refund_order]] refund it please", "support");
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(events.events(thread, ToolCallCompleted.class)).isNotEmpty().allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(ToolCallCompleted.FAILED);
            assertThat(result.output()).startsWith("Error: Refunds need a human: order ");
        });
        assertThat(toolCallsOfTurn(completed.turnId())).isNotEmpty()
                .allSatisfy(row -> assertThat(row).containsEntry("status", "failed"));
        assertThat(lastRequestOf(message.content()).toString()).contains("Refunds need a human");
        assertThat(completed.content()).isNotBlank();
    }

    @Test
    void a_server_that_is_down_or_refuses_the_headers_is_left_out_and_the_turn_answers_with_the_other_tools() throws IOException {
        Tenant tenant = new Tenant();
        tenant.server("gone", "http://127.0.0.1:" + freePort() + "/mcp", "streamable_http", "Bearer " + token);
        tenant.server("wrong-key", orders.sseUrl(), "sse", "Bearer not-the-token");
        tenant.server("orders", orders.streamableHttpUrl(), "streamable_http", "Bearer " + token);
        tenant.agent("support", List.of("gone", "wrong-key", "orders"));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant.id);

        String thread = ChatMessages.newThread();
        MessagePosted message = chat.postForAgent(thread, "[[tool:orders__lookup_order]] where is it?", "support");
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(toolNames(requestWith(message.content()))).containsExactly("orders__lookup_order", "orders__refund_order",
                "orders__slow_lookup");
        assertThat(completed.content()).contains("shipped on 2026-11-30");
        assertThat(query("SELECT summary FROM agent.audit_log WHERE tenant_id = ? AND type = 'mcp_server.error' ORDER BY summary",
                tenant.id)).extracting(row -> (String) row.get("summary")).satisfiesExactly(
                        gone -> assertThat(gone).startsWith("MCP server gone could not be used: "),
                        wrongKey -> assertThat(wrongKey).startsWith("MCP server wrong-key could not be used: "));

        // A changed row is connected anew at once (its failure is not reused); a disabled one is not tried.
        tenant.admin.send(HttpRequest.PATCH("/api/mcp-servers/wrong-key",
                Map.of("headers", Map.of("Authorization", "Bearer " + token))));
        tenant.admin.send(HttpRequest.PATCH("/api/mcp-servers/orders", Map.of("enabled", false)));
        MessagePosted fixed = chat.postForAgent(ChatMessages.newThread(), "[[tool:wrong-key__lookup_order]] again?", "support");
        TurnCompleted fixedAnswer = events.awaitCompleted(fixed.threadId(), fixed.messageId());
        assertThat(toolNames(requestWith(fixed.content()))).containsExactly("wrong-key__lookup_order",
                "wrong-key__refund_order", "wrong-key__slow_lookup");
        assertThat(fixedAnswer.content()).contains("(via sse)");
    }

    @Test
    void a_call_slower_than_the_call_timeout_is_cut_off_and_the_model_is_told() {
        Tenant tenant = new Tenant();
        tenant.server("orders", orders.streamableHttpUrl(), "streamable_http", "Bearer " + token);
        tenant.agent("support", List.of("orders"));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant.id);
        orders.slowMillis(10_000);

        String thread = ChatMessages.newThread();
        MessagePosted message = chat.postForAgent(thread, "[[tool:orders__slow_lookup]] the 2019 order", "support");
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<Map<String, Object>> calls = toolCallsOfTurn(completed.turnId());
        assertThat(calls).isNotEmpty().allSatisfy(row -> {
            assertThat(row).containsEntry("tool_name", "orders__slow_lookup").containsEntry("status", "failed");
            assertThat((String) row.get("output")).isEqualTo("Error: no answer within 2000 ms while running slow_lookup");
            assertThat(((Number) row.get("latency_ms")).longValue()).isBetween(1_900L, 4_000L);
        });
        assertThat(completed.content()).isNotBlank();
    }

    @Test
    void an_sse_server_naming_an_endpoint_on_another_origin_is_refused_and_nothing_is_posted_there() {
        String otherToken = "mcp-token-" + UUID.randomUUID();
        try (McpServerFake redirecting = McpServerFake.start("Bearer " + otherToken)) {
            redirecting.endpointOrigin(orders.streamableHttpUrl().replace("/mcp", "").replace("127.0.0.1", "localhost"));
            Tenant tenant = new Tenant();
            tenant.server("elsewhere", redirecting.sseUrl(), "sse", "Bearer " + otherToken);
            tenant.agent("support", List.of("elsewhere"));
            ChatMessages chat = new ChatMessages(json, messagesTopic, tenant.id);
            List<String> ordersMethods = orders.methods();

            MessagePosted message = chat.postForAgent(ChatMessages.newThread(), "[[tool:elsewhere__lookup_order]] hi", "support");
            events.awaitCompleted(message.threadId(), message.messageId());

            assertThat(toolNames(requestWith(message.content()))).isEmpty();
            assertThat(redirecting.methods()).isEmpty();
            assertThat(orders.methods()).isEqualTo(ordersMethods);
            assertThat(query("SELECT summary FROM agent.audit_log WHERE tenant_id = ? AND type = 'mcp_server.error'", tenant.id))
                    .singleElement().satisfies(row -> assertThat((String) row.get("summary"))
                            .contains("the server named an endpoint on another origin (http://localhost)"));
        }
    }

    @Test
    void the_address_is_checked_again_when_connecting() {
        Tenant tenant = new Tenant();
        tenant.server("inside", orders.streamableHttpUrl(), "streamable_http", "Bearer " + token);
        tenant.agent("support", List.of("inside"));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant.id);
        int callsBefore = orders.calls().size();

        settings.setAllowPrivateAddresses(false);
        try {
            MessagePosted message = chat.postForAgent(ChatMessages.newThread(), "[[tool:inside__lookup_order]] hi", "support");
            events.awaitCompleted(message.threadId(), message.messageId());
            assertThat(toolNames(requestWith(message.content()))).isEmpty();
        } finally {
            settings.setAllowPrivateAddresses(true);
        }
        assertThat(orders.calls()).hasSize(callsBefore);
        assertThat(query("SELECT summary FROM agent.audit_log WHERE tenant_id = ? AND type = 'mcp_server.error'", tenant.id))
                .singleElement().satisfies(row -> assertThat((String) row.get("summary"))
                        .contains("resolves to a loopback, private, link-local or metadata address"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void no_log_line_holds_the_servers_token() {
        assertThat(output.text()).contains("connected to MCP server orders");
        assertThat(output.text()).doesNotContain(token);
    }

    private JsonNode requestWith(String marker) {
        return simulator.requests().stream().filter(request -> request.toString().contains(marker)).findFirst().orElseThrow();
    }

    private JsonNode lastRequestOf(String marker) {
        List<JsonNode> matching = simulator.requests().stream().filter(request -> request.toString().contains(marker)).toList();
        return matching.get(matching.size() - 1);
    }

    private static JsonNode function(JsonNode request, String name) {
        for (JsonNode tool : request.path("tools")) {
            if (name.equals(tool.path("function").path("name").asText())) {
                return tool.path("function");
            }
        }
        throw new AssertionError("no tool " + name + " offered in " + request);
    }

    private static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names.stream().filter(name -> name.contains("__")).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A fresh tenant with its admin, who registers servers and sets up agents. */
    private final class Tenant {
        final String id = "tenant-" + UUID.randomUUID();
        final ApiCaller admin = new ApiCaller(http, jwks.token(id, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));

        void server(String slug, String url, String transport, String authorization) {
            admin.send(HttpRequest.POST("/api/mcp-servers", McpServersIT.server(slug, url, transport,
                    Map.of("Authorization", authorization))));
        }

        void agent(String slug, List<String> mcpServers) {
            admin.send(HttpRequest.POST("/api/agents", McpServersIT.agent(slug, mcpServers)));
        }
    }
}
