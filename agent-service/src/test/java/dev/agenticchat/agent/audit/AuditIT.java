package dev.agenticchat.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tenant's audit log over agent-service's HTTP API: agent changes and provider errors are
 * written as they happen; only the tenant's admins read it, filtered, a page at a time, or
 * exported as JSON or CSV.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("audit-it.chat.messages", 3);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
        properties.put("agent.llm.base-url", simulator.baseUrl());
        properties.put("agent.llm.retry-backoff", "50ms");
        return properties;
    }

    @AfterAll
    void stop() {
        simulator.close();
        jwks.close();
    }

    @Test
    void agent_changes_are_logged_newest_first_with_who_made_them_and_what_changed() {
        String tenant = newTenant();
        String adminId = "admin-" + UUID.randomUUID();
        ApiCaller admin = new ApiCaller(http, jwks.token(tenant, adminId, Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.POST("/api/agents", sales()));
        admin.send(HttpRequest.PATCH("/api/agents/sales", Map.of("model", "sim-2", "temperature", 0.7)));
        admin.send(HttpRequest.DELETE("/api/agents/sales"));

        List<Map<String, Object>> entries = admin.items("/api/audit/logs?agent=sales");

        assertThat(entries).extracting(entry -> entry.get("type"))
                .containsExactly("agent.deleted", "agent.updated", "agent.created");
        assertThat(entries).allSatisfy(entry -> assertThat(entry).containsEntry("agent", "sales").containsEntry("actor", adminId));
        assertThat(entries.get(1)).containsEntry("summary", "changed agent sales (version 2): model, temperature");
        assertThat(entries.get(1).get("details")).isEqualTo(Map.of("version", 2, "name", "Sales", "status", "active",
                "provider", "openai", "model", "sim-2", "changed", List.of("model", "temperature")));
        assertThat(admin.items("/api/audit/logs?type=agent.created")).extracting(entry -> entry.get("agent"))
                .containsExactly("sales", "default");
        assertThat(admin.items("/api/audit/logs?type=agent.created")).last().satisfies(entry -> assertThat(entry)
                .doesNotContainKey("actor").containsEntry("summary", "created the tenant's default agent"));
    }

    @Test
    void a_providers_error_is_logged_against_the_agent() throws Exception {
        String tenant = newTenant();
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String thread = ChatMessages.newThread();
        simulator.configure(new SimulatorConfig(0, 0, 1, 503));
        try (AgentEventLog events = new AgentEventLog(codec)) {
            MessagePosted message = chat.post(thread, "[[text:Fine after one retry.]] hello");
            events.awaitCompleted(thread, message.messageId());
        } finally {
            simulator.configure(SimulatorConfig.defaults());
        }

        List<Map<String, Object>> errors = admin(tenant).items("/api/audit/logs?type=provider.error");

        assertThat(errors).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("agent", "default").doesNotContainKey("actor");
            assertThat((String) entry.get("summary")).startsWith("openai/sim-1 failed: HTTP 503");
            assertThat(entry.get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("provider", "openai").containsEntry("model", "sim-1").containsEntry("purpose", "turn")
                    .containsEntry("thread_id", thread).containsEntry("step", 1).containsKey("turn_id");
        });
    }

    @Test
    void pages_follow_the_cursor_and_filters_refuse_what_they_do_not_know() {
        String tenant = newTenant();
        ApiCaller admin = admin(tenant);
        for (String name : List.of("One", "Two", "Three")) {
            admin.send(HttpRequest.PATCH("/api/agents/default", Map.of("name", name)));
        }

        Map<String, Object> first = admin.get("/api/audit/logs?limit=2");
        Map<String, Object> second = admin.get("/api/audit/logs?limit=2&cursor=" + first.get("next_cursor"));

        assertThat(names(first)).containsExactly("Three", "Two");
        assertThat(names(second)).containsExactly("One", "Assistant");
        assertThat(second).containsEntry("next_cursor", null);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(admin.items("/api/audit/logs?from=" + today + "&to=" + today)).hasSize(4);
        assertThat(admin.items("/api/audit/logs?to=2020-01-01")).isEmpty();
        assertThat(admin.items("/api/audit/logs?from=" + Instant.now().plusSeconds(3600))).isEmpty();
        assertThat(admin.problemFields(HttpRequest.GET("/api/audit/logs?type=agent.exploded"), 400)).containsExactly("type");
        assertThat(admin.problemFields(HttpRequest.GET("/api/audit/logs?from=yesterday"), 400)).containsExactly("from");
        assertThat(admin.problemFields(HttpRequest.GET("/api/audit/logs?from=2026-02-02&to=2026-02-01"), 400)).containsExactly("to");
        assertThat(admin.problemFields(HttpRequest.GET("/api/audit/logs?cursor=bm9wZQ"), 400)).containsExactly("cursor");
        assertThat(admin.problemFields(HttpRequest.GET("/api/audit/logs?limit=0"), 400)).containsExactly("limit");
        assertThat(admin.problemFields(HttpRequest.GET("/api/audit/export?format=xml"), 400)).containsExactly("format");
    }

    @Test
    void exports_the_filtered_log_as_json_or_csv() throws Exception {
        String tenant = newTenant();
        ApiCaller admin = admin(tenant);
        admin.send(HttpRequest.PATCH("/api/agents/default", Map.of("name", "=HYPERLINK(\"http://evil\")")));

        HttpResponse<String> csv = admin.exchangeText(HttpRequest.GET("/api/audit/export?format=csv&type=agent.updated"));
        HttpResponse<String> jsonExport = admin.exchangeText(HttpRequest.GET("/api/audit/export?format=json"));

        assertThat(csv.getContentType().orElseThrow().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename=\"audit-log.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("occurred_at,type,agent,actor,summary,details");
        assertThat(lines.get(1)).contains(",agent.updated,default,admin-", ",changed agent default (version 2): name,")
                .contains("\"\"name\"\":\"\"=HYPERLINK(\\\"\"http://evil\\\"\")\"\"", "\"\"changed\"\":[\"\"name\"\"]");
        List<Map<String, Object>> exported = json.readValue(jsonExport.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(exported).extracting(entry -> entry.get("type")).containsExactly("agent.updated", "agent.created");
        assertThat(jsonExport.getHeaders().get("X-Next-Cursor")).isNull();
    }

    @Test
    void only_the_tenants_admins_read_its_log() {
        String tenant = newTenant();
        admin(tenant).send(HttpRequest.POST("/api/agents", sales()));
        ApiCaller person = new ApiCaller(http, jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));
        ApiCaller visitor = new ApiCaller(http, jwks.token(tenant, "visitor-" + UUID.randomUUID(), Role.VISITOR));
        ApiCaller otherAdmin = admin(newTenant());

        for (ApiCaller notAdmin : List.of(person, visitor)) {
            assertThat(notAdmin.status(HttpRequest.GET("/api/audit/logs"))).isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.GET("/api/audit/export?format=csv"))).isEqualTo(403);
        }
        assertThat(otherAdmin.items("/api/audit/logs?agent=sales")).isEmpty();
        assertThat(new ApiCaller(http, "not-a-token").status(HttpRequest.GET("/api/audit/logs"))).isEqualTo(401);
        await().atMost(Duration.ofSeconds(5)).until(() -> admin(tenant).items("/api/audit/logs?agent=sales").size() == 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .map(entry -> ((Map<String, Object>) entry.get("details")).get("name")).toList();
    }

    private ApiCaller admin(String tenant) {
        return new ApiCaller(http, jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
    }

    private static Map<String, Object> sales() {
        return Map.of("slug", "sales", "name", "Sales", "system_prompt", "You sell.");
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
