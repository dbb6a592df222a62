package dev.agenticchat.agent.mcp;

import static dev.agenticchat.agent.fixtures.AgentDatabase.toolCallsOfTurn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.simulator.mcp.McpServerFake;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What bounds MCP servers, with the service's defaults: a tenant admin cannot register one on the
 * service's own network (agent.mcp.allow-private-addresses is off), and a tool call never outlasts
 * the turn (a short turn limit here, shorter than the call timeout).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpLimitsIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("mcp-limits-it.chat.messages", 1);
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
        properties.put("agent.turns.timeout", "4s");
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
    }

    @Test
    void a_server_on_the_services_own_network_is_refused_with_a_clear_message() {
        ApiCaller admin = admin("tenant-" + UUID.randomUUID());
        assertThat(settings.isAllowPrivateAddresses()).as("the default").isFalse();

        for (String url : List.of(orders.streamableHttpUrl(), "http://localhost:8082/mcp", "http://10.1.2.3/mcp",
                "http://192.168.0.10/mcp", "http://172.16.5.5/mcp", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080/mcp", "http://[fd00::1]/mcp", "http://[::ffff:127.0.0.1]/mcp", "http://0.0.0.0/mcp",
                "http://100.64.0.1/mcp")) {
            Map<String, Object> problem = refusal(admin, McpServersIT.server("inside", url, "streamable_http", Map.of()));
            assertThat(problem.get("title")).as(url).isEqualTo("Refused address");
            assertThat((String) problem.get("detail")).as(url)
                    .contains("resolves to a loopback, private, link-local or metadata address")
                    .contains("agent.mcp.allow-private-addresses");
            assertThat(problem.get("errors").toString()).contains("field=url");
        }
        assertThat(admin.items("/api/mcp-servers")).isEmpty();

        settings.setAllowPrivateAddresses(true);
        try {
            admin.send(HttpRequest.POST("/api/mcp-servers", McpServersIT.server("inside", orders.streamableHttpUrl(),
                    "streamable_http", Map.of())));
        } finally {
            settings.setAllowPrivateAddresses(false);
        }
        Map<String, Object> moved = refusal(admin, HttpRequest.PATCH("/api/mcp-servers/inside",
                Map.of("url", "http://127.0.0.1:5433/")));
        assertThat(moved.get("title")).isEqualTo("Refused address");
    }

    @Test
    void a_call_slower_than_what_is_left_of_the_turn_is_cut_off_at_the_turns_deadline() {
        String tenant = "tenant-" + UUID.randomUUID();
        ApiCaller admin = admin(tenant);
        orders.slowMillis(20_000);
        settings.setAllowPrivateAddresses(true);
        try {
            admin.send(HttpRequest.POST("/api/mcp-servers", McpServersIT.server("orders", orders.streamableHttpUrl(),
                    "streamable_http", Map.of("Authorization", "Bearer " + token))));
            admin.send(HttpRequest.POST("/api/agents", McpServersIT.agent("support", List.of("orders"))));
            ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);

            long started = System.nanoTime();
            MessagePosted message = chat.postForAgent(ChatMessages.newThread(), "[[tool:orders__slow_lookup]] old order",
                    "support");
            TurnFailed failed = events.awaitFailed(message.threadId(), message.messageId());

            assertThat(failed.code()).isEqualTo(TurnFailed.TIMEOUT);
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the turn ended").isLessThan(12_000);
            assertThat(toolCallsOfTurn(failed.turnId())).singleElement().satisfies(row -> {
                assertThat(row).containsEntry("tool_name", "orders__slow_lookup").containsEntry("status", "failed");
                assertThat((String) row.get("output")).startsWith("Error: no answer within ")
                        .endsWith(" ms while running slow_lookup (all the time the turn had left)");
                assertThat(((Number) row.get("latency_ms")).longValue()).isLessThan(4_000);
            });
        } finally {
            settings.setAllowPrivateAddresses(false);
        }
    }

    private ApiCaller admin(String tenant) {
        return new ApiCaller(http, jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
    }

    private static Map<String, Object> refusal(ApiCaller admin, Map<String, Object> server) {
        return refusal(admin, HttpRequest.POST("/api/mcp-servers", server));
    }

    private static Map<String, Object> refusal(ApiCaller admin, io.micronaut.http.MutableHttpRequest<?> request) {
        try {
            admin.exchange(request);
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(422);
            return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
        }
        throw new AssertionError(request.getPath() + " was accepted");
    }
}
