package dev.agenticchat.agent.agents;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.agent.fixtures.RetrievalStandIn;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.AgentConfigChanged;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tenant's agents over agent-service's HTTP API (as the gateway forwards it), on real
 * Postgres, and the turns of a thread created with one: its persona, model, temperature and
 * tools reach the model (the LLM simulator records every request).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentsIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "agents-it-" + UUID.randomUUID();
    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("agents-it.chat.messages", 3);
    private final RetrievalStandIn retrieval = RetrievalStandIn.start(SERVICE_TOKEN);
    private AgentEventLog events;

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
        properties.put("micronaut.http.services.retrieval-service.url", retrieval.url());
        properties.put("agentic.service-credentials.token", SERVICE_TOKEN);
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        retrieval.close();
        simulator.close();
        jwks.close();
    }

    @Test
    void every_tenant_starts_with_a_default_agent_that_its_people_see_by_name_only() {
        String tenant = newTenant();
        ApiCaller visitor = new ApiCaller(http, jwks.token(tenant, "visitor-" + UUID.randomUUID(), Role.VISITOR));

        List<Map<String, Object>> agents = visitor.items("/api/agents");

        assertThat(agents).singleElement().satisfies(agent -> assertThat(agent)
                .containsEntry("slug", "default").containsEntry("name", "Assistant").containsEntry("is_default", true)
                .doesNotContainKeys("system_prompt", "model", "tools", "changed_by"));
        assertThat(visitor.get("/api/agents/default")).containsEntry("slug", "default").doesNotContainKey("system_prompt");
        Map<String, Object> full = admin(tenant).get("/api/agents/default");
        assertThat(full).containsEntry("provider", "openai").containsEntry("model", "sim-1").containsEntry("version", 1)
                .containsEntry("status", "active").doesNotContainKey("changed_by");
        assertThat((String) full.get("system_prompt")).startsWith("You are a helpful assistant");
    }

    @Test
    void a_tenant_admin_creates_changes_disables_and_deletes_an_agent_and_every_change_is_a_version() {
        String tenant = newTenant();
        String adminId = "admin-" + UUID.randomUUID();
        ApiCaller admin = new ApiCaller(http, jwks.token(tenant, adminId, Role.PERSON, Role.TENANT_ADMIN));
        ApiCaller person = new ApiCaller(http, jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));

        HttpResponse<Map<String, Object>> created = admin.exchange(HttpRequest.POST("/api/agents", salesAgent()));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("Location")).isEqualTo("/api/agents/sales");
        assertThat(created.body()).containsEntry("slug", "sales").containsEntry("version", 1)
                .containsEntry("model", "sim-sales").containsEntry("temperature", 0.2)
                .containsEntry("max_output_tokens", 400).containsEntry("tools", List.of("create_chart_artifact"))
                .containsEntry("changed_by", adminId).containsEntry("is_default", false);

        Map<String, Object> changed = admin.send(HttpRequest.PATCH("/api/agents/sales", Map.of("name", "Sales Sam 2")));
        assertThat(changed).containsEntry("version", 2).containsEntry("name", "Sales Sam 2")
                .containsEntry("model", "sim-sales").containsEntry("system_prompt", salesAgent().get("system_prompt"));
        assertThat(person.items("/api/agents")).extracting(agent -> agent.get("slug")).containsExactly("default", "sales");

        admin.send(HttpRequest.PATCH("/api/agents/sales", Map.of("status", "disabled")));
        assertThat(person.items("/api/agents")).extracting(agent -> agent.get("slug")).containsExactly("default");
        assertThat(person.status(HttpRequest.GET("/api/agents/sales"))).isEqualTo(404);
        assertThat(admin.items("/api/agents")).extracting(agent -> agent.get("slug")).containsExactly("default", "sales");
        assertThat(admin.items("/api/agents/sales/versions")).extracting(version -> version.get("version"))
                .containsExactly(3, 2, 1);

        assertThat(admin.status(HttpRequest.DELETE("/api/agents/sales"))).isEqualTo(204);
        assertThat(admin.status(HttpRequest.GET("/api/agents/sales"))).isEqualTo(404);
        assertThat(query("SELECT count(*) AS n FROM agent.agent_versions v JOIN agent.agents a ON a.id = v.agent_id "
                + "WHERE a.tenant_id = ? AND a.slug = 'sales'", tenant).get(0)).containsEntry("n", 0L);
    }

    @Test
    void only_tenant_admins_change_agents_and_nobody_sees_another_tenants() {
        String tenant = newTenant();
        admin(tenant).send(HttpRequest.POST("/api/agents", salesAgent()));
        ApiCaller person = new ApiCaller(http, jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));
        ApiCaller visitor = new ApiCaller(http, jwks.token(tenant, "visitor-" + UUID.randomUUID(), Role.VISITOR));
        ApiCaller otherAdmin = admin(newTenant());

        for (ApiCaller notAdmin : List.of(person, visitor)) {
            assertThat(notAdmin.status(HttpRequest.POST("/api/agents", Map.of("slug", "x", "name", "X", "system_prompt", "p"))))
                    .isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.PATCH("/api/agents/sales", Map.of("name", "Mine")))).isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.DELETE("/api/agents/sales"))).isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.GET("/api/agents/sales/versions"))).isEqualTo(403);
        }
        assertThat(otherAdmin.status(HttpRequest.GET("/api/agents/sales"))).isEqualTo(404);
        assertThat(otherAdmin.status(HttpRequest.PATCH("/api/agents/sales", Map.of("name", "Mine")))).isEqualTo(404);
        assertThat(otherAdmin.status(HttpRequest.DELETE("/api/agents/sales"))).isEqualTo(404);
        assertThat(otherAdmin.items("/api/agents")).extracting(agent -> agent.get("slug")).containsExactly("default");
        assertThat(new ApiCaller(http, "not-a-token").status(HttpRequest.GET("/api/agents"))).isEqualTo(401);
        assertThat(admin(tenant).get("/api/agents/sales")).containsEntry("name", "Sales Sam").containsEntry("version", 1);
    }

    @Test
    void refuses_bad_agents_naming_the_field() {
        ApiCaller admin = admin(newTenant());
        Map<String, Object> sales = salesAgent();

        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", with(sales, "slug", "Not A Slug")), 400)).containsExactly("slug");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", with(sales, "temperature", 3.5)), 400)).containsExactly("temperature");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", with(sales, "system_prompt", "a\u0000b")), 400))
                .containsExactly("system_prompt");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", with(sales, "tools", List.of("create_chart_artifact", "rm_rf"))), 422))
                .containsExactly("tools[1]");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", with(sales, "provider", "gemini")), 422)).containsExactly("provider");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents",
                with(sales, "fallbacks", List.of(Map.of("provider", "openai", "model", "b"), Map.of("provider", "gemini", "model", "g")))),
                422)).containsExactly("fallbacks[1].provider");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", with(sales, "input_price_per_thousand_tokens", -1)), 400))
                .containsExactly("input_price_per_thousand_tokens");
        Map<String, Object> noPrompt = new LinkedHashMap<>(sales);
        noPrompt.remove("system_prompt");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", noPrompt), 400)).containsExactly("system_prompt");
        admin.send(HttpRequest.POST("/api/agents", sales));
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", sales), 409)).containsExactly("slug");
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/agents/default", Map.of("status", "disabled")), 409))
                .containsExactly("status");
        assertThat(admin.problemFields(HttpRequest.DELETE("/api/agents/default"), 409)).containsExactly("slug");
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/agents/sales", Map.of("slug", "renamed")), 400)).containsExactly("slug");
        assertThat(admin.status(HttpRequest.PATCH("/api/agents/nobody", Map.of("name", "X")))).isEqualTo(404);
    }

    @Test
    void an_agent_keeps_its_provider_reasoning_fallbacks_and_prices_which_only_admins_see() {
        String tenant = newTenant();
        ApiCaller admin = admin(tenant);
        Map<String, Object> claude = with(with(with(salesAgent(), "provider", "anthropic"), "model", "claude-sim"), "reasoning", false);
        claude.put("fallbacks", List.of(Map.of("provider", "openai", "model", "sim-backup")));
        claude.put("input_price_per_thousand_tokens", 0.003);
        claude.put("output_price_per_thousand_tokens", 0.015);

        assertThat(admin.send(HttpRequest.POST("/api/agents", claude))).containsEntry("provider", "anthropic")
                .containsEntry("model", "claude-sim").containsEntry("reasoning", false)
                .containsEntry("fallbacks", List.of(Map.of("provider", "openai", "model", "sim-backup")))
                .containsEntry("input_price_per_thousand_tokens", 0.003).containsEntry("output_price_per_thousand_tokens", 0.015);
        Map<String, Object> changed = admin.send(HttpRequest.PATCH("/api/agents/sales", Map.of("reasoning", true, "fallbacks", List.of())));
        assertThat(changed).containsEntry("reasoning", true).containsEntry("fallbacks", List.of())
                .containsEntry("provider", "anthropic").containsEntry("input_price_per_thousand_tokens", 0.003)
                .containsEntry("version", 2);
        assertThat(admin.get("/api/agents/default")).containsEntry("reasoning", true).containsEntry("fallbacks", List.of())
                .doesNotContainKey("input_price_per_thousand_tokens");
        ApiCaller person = new ApiCaller(http, jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));
        assertThat(person.get("/api/agents/sales")).doesNotContainKeys("provider", "reasoning", "fallbacks",
                "input_price_per_thousand_tokens");
    }

    @Test
    void a_turn_goes_to_the_agents_fallback_model_when_its_own_answers_429_and_the_log_keeps_both_calls() {
        String tenant = newTenant();
        Map<String, Object> sales = with(salesAgent(), "model", "sim-primary");
        sales.put("fallbacks", List.of(Map.of("provider", "openai", "model", "sim-backup")));
        admin(tenant).send(HttpRequest.POST("/api/agents", sales));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String thread = ChatMessages.newThread();

        simulator.configure(new SimulatorConfig(0, 0, 1, 429));
        MessagePosted message = chat.postForAgent(thread, "[[text:Answered by the backup.]] hi", "sales");
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(completed.content()).isEqualTo("Answered by the backup.");
        assertThat(simulator.requests().stream().filter(request -> request.toString().contains("Answered by the backup."))
                .map(request -> request.path("model").asText())).containsExactly("sim-primary", "sim-backup");
        assertThat(query("SELECT r.model, r.status, r.provider FROM agent.llm_requests r JOIN agent.turns t ON t.id = r.turn_id"
                + " WHERE t.message_id = ? ORDER BY r.created_at", message.messageId()))
                .extracting(row -> row.get("model") + " " + row.get("status"))
                .containsExactly("sim-primary error", "sim-backup ok");
        assertThat(events.events(thread, TurnStarted.class).get(0).model()).isEqualTo("sim-primary");
    }

    @Test
    void an_agents_knowledge_bases_must_be_the_tenants_and_every_thread_of_the_agent_searches_them() {
        String tenant = newTenant();
        ApiCaller admin = admin(tenant);
        String handbook = UUID.randomUUID().toString();
        String someonesNotes = UUID.randomUUID().toString();
        retrieval.owns(handbook, "tenant");
        retrieval.owns(someonesNotes, "user");
        retrieval.answer(handbook, new RetrievalStandIn.Hit("c1", "d1", "Handbook", 3, "Pro costs 20 EUR a month.", 0.9));
        Map<String, Object> support = with(with(salesAgent(), "slug", "support"), "tools", List.of("search_knowledge"));

        assertThat(admin.problemFields(HttpRequest.POST("/api/agents",
                with(support, "knowledge_bases", List.of(handbook, someonesNotes, UUID.randomUUID().toString()))), 422))
                .containsExactly("knowledge_bases[1]", "knowledge_bases[2]");
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", with(support, "knowledge_bases", List.of("kb-1"))), 422))
                .containsExactly("knowledge_bases[0]");
        assertThat(admin.send(HttpRequest.POST("/api/agents", with(support, "knowledge_bases", List.of(handbook)))))
                .containsEntry("knowledge_bases", List.of(handbook));

        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.postForAgent(thread, "[[tool:search_knowledge]] what does pro cost", "support");
        events.awaitCompleted(thread, message.messageId());

        assertThat(retrieval.searchesOf(handbook)).singleElement().satisfies(search -> assertThat(search)
                .extracting(RetrievalStandIn.Received::tenant, RetrievalStandIn.Received::user)
                .containsExactly(tenant, chat.userId()));
        assertThat(toolNames(requestWith("what does pro cost"))).containsExactly("search_knowledge");
    }

    @Test
    void a_thread_created_with_an_agent_is_answered_with_its_persona_model_and_tools() {
        String tenant = newTenant();
        admin(tenant).send(HttpRequest.POST("/api/agents", salesAgent()));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String salesThread = ChatMessages.newThread();
        String defaultThread = ChatMessages.newThread();

        MessagePosted forSales = chat.postForAgent(salesThread, "[[text:Hello from sales.]] hi", "sales");
        MessagePosted forDefault = chat.post(defaultThread, "[[text:Hello from the assistant.]] hi");
        events.awaitCompleted(salesThread, forSales.messageId());
        events.awaitCompleted(defaultThread, forDefault.messageId());

        JsonNode salesRequest = requestWith("Hello from sales.");
        assertThat(salesRequest.path("model").asText()).isEqualTo("sim-sales");
        assertThat(salesRequest.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(salesRequest.path("messages").get(0).path("content").asText()).isEqualTo(salesAgent().get("system_prompt"));
        assertThat(toolNames(salesRequest)).containsExactly("create_chart_artifact");
        assertThat(events.events(salesThread, TurnStarted.class).get(0).model()).isEqualTo("sim-sales");
        Object salesAgentId = query("SELECT id FROM agent.agents WHERE tenant_id = ? AND slug = 'sales'", tenant).get(0).get("id");
        assertThat(query("SELECT r.model, r.agent_id, r.agent_version, r.provider FROM agent.llm_requests r"
                + " JOIN agent.turns t ON t.id = r.turn_id WHERE t.message_id = ?", forSales.messageId()))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).containsEntry("model", "sim-sales").containsEntry("agent_id", salesAgentId)
                        .containsEntry("agent_version", 1).containsEntry("provider", "openai"));

        JsonNode defaultRequest = requestWith("Hello from the assistant.");
        assertThat(defaultRequest.path("model").asText()).isEqualTo("sim-1");
        assertThat(defaultRequest.path("messages").get(0).path("content").asText()).startsWith("You are a helpful assistant");
        assertThat(toolNames(defaultRequest)).contains("create_chart_artifact", "update_artifact");
    }

    @Test
    void a_thread_whose_agent_was_disabled_gets_a_clear_failure_instead_of_another_persona() {
        String tenant = newTenant();
        ApiCaller admin = admin(tenant);
        admin.send(HttpRequest.POST("/api/agents", salesAgent()));
        admin.send(HttpRequest.PATCH("/api/agents/sales", Map.of("status", "disabled")));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String thread = ChatMessages.newThread();

        MessagePosted message = chat.postForAgent(thread, "[[text:Should not be said.]] hi", "sales");
        TurnFailed failed = events.awaitFailed(thread, message.messageId());

        assertThat(failed.code()).isEqualTo(TurnFailed.AGENT_UNAVAILABLE);
        assertThat(failed.message()).contains("sales", "no longer available");
        assertThat(simulator.requests()).noneMatch(request -> request.toString().contains("Should not be said."));
        assertThat(events.events(thread, TurnCompleted.class)).isEmpty();
    }

    @Test
    void every_change_to_an_agent_is_announced_on_its_topic_without_the_persona() throws Exception {
        String tenant = newTenant();
        String adminId = "admin-" + UUID.randomUUID();
        ApiCaller admin = new ApiCaller(http, jwks.token(tenant, adminId, Role.PERSON, Role.TENANT_ADMIN));
        try (TestKafka.Reader configs = new TestKafka.Reader(Topics.AGENT_CONFIGS)) {
            admin.send(HttpRequest.POST("/api/agents", salesAgent()));
            admin.send(HttpRequest.PATCH("/api/agents/sales", Map.of("model", "sim-sales-2")));
            admin.status(HttpRequest.DELETE("/api/agents/sales"));

            await("three announcements of the sales agent and one of the default agent").atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(ofTenant(configs, tenant)).hasSize(4));
            List<ConsumerRecord<String, byte[]>> records = ofTenant(configs, tenant);
            List<AgentConfigChanged> changes = records.stream()
                    .map(record -> (AgentConfigChanged) codec.decode(codec.fromRecord(record))).toList();
            // Each agent is its own key: its changes are in order, the two agents' are not ordered with each other.
            assertThat(changes).filteredOn(change -> change.slug().equals("default")).singleElement().satisfies(change -> {
                assertThat(change.change()).isEqualTo(AgentConfigChanged.CREATED);
                assertThat(change.changedBy()).isNull();
            });
            List<AgentConfigChanged> sales = changes.stream().filter(change -> change.slug().equals("sales")).toList();
            assertThat(sales).extracting(AgentConfigChanged::change)
                    .containsExactly(AgentConfigChanged.CREATED, AgentConfigChanged.UPDATED, AgentConfigChanged.DELETED);
            assertThat(sales).extracting(AgentConfigChanged::version).containsExactly(1, 2, 2);
            assertThat(sales).extracting(AgentConfigChanged::model).containsExactly("sim-sales", "sim-sales-2", "sim-sales-2");
            assertThat(sales).allSatisfy(change -> assertThat(change.changedBy()).isEqualTo(adminId));
            assertThat(records).filteredOn(record -> new String(record.value(), StandardCharsets.UTF_8).contains("\"sales\""))
                    .extracting(ConsumerRecord::key).containsOnly(sales.get(0).agentId());
            assertThat(records).allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .doesNotContain("Sales Sam.").doesNotContain("system_prompt"));
        }
    }

    private static List<ConsumerRecord<String, byte[]>> ofTenant(TestKafka.Reader reader, String tenant) {
        return reader.records().stream()
                .filter(record -> tenant.equals(TestKafka.header(record, CloudEventHeaders.TENANT_ID))).toList();
    }

    private static List<String> toolNames(JsonNode request) {
        List<String> names = new java.util.ArrayList<>();
        request.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }

    private JsonNode requestWith(String marker) {
        return simulator.requests().stream().filter(request -> request.toString().contains(marker)).findFirst().orElseThrow();
    }

    private static Map<String, Object> salesAgent() {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("slug", "sales");
        agent.put("name", "Sales Sam");
        agent.put("description", "Answers questions about our plans and prices.");
        agent.put("model", "sim-sales");
        agent.put("system_prompt", "You are Sales Sam. Recommend the Pro plan when it fits.");
        agent.put("temperature", 0.2);
        agent.put("max_output_tokens", 400);
        agent.put("tools", List.of("create_chart_artifact"));
        return agent;
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private ApiCaller admin(String tenant) {
        return new ApiCaller(http, jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
    }
}
