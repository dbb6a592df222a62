package dev.agenticchat.agent.budgets;

import static dev.agenticchat.agent.fixtures.AgentDatabase.llmRequestsOfTurn;
import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static dev.agenticchat.agent.fixtures.AgentDatabase.toolCallsOfTurn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.BudgetThresholdReached;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Budgets over agent-service's HTTP API and in real turns (Postgres, Kafka, the LLM simulator):
 * who may set them, how they count the request log, and a turn refused before its first model
 * call, stopped between two calls and stopped mid-stream, each ending {@code budget_exceeded}; the
 * 80 % and 100 % alerts on {@code agent.budgets.v1}, once each. Prices here: output tokens
 * 1 USD per thousand, input tokens free, so a cost budget counts streamed output only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetsIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("budgets-it.chat.messages", 3);
    /** A private copy of identity.events.v1: agent-services of other checkouts on the same Kafka never take its erasures. */
    private final String identityTopic = TestKafka.createTopic("budgets-it.identity", 1);
    private AgentEventLog events;
    private TestKafka.Reader alerts;

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
        properties.put("agentic.identity.topic", identityTopic);
        properties.put("agent.llm.input-price-per-thousand-tokens", "0");
        properties.put("agent.llm.output-price-per-thousand-tokens", "1");
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
        alerts = new TestKafka.Reader(Topics.AGENT_BUDGETS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        alerts.close();
        events.close();
        simulator.close();
        jwks.close();
    }

    @Test
    void only_tenant_admins_manage_budgets_and_nobody_sees_another_tenants() {
        String tenant = newTenant();
        Api admin = admin(tenant);
        Api person = new Api(jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));
        Api visitor = new Api(jwks.token(tenant, "visitor-" + UUID.randomUUID(), Role.VISITOR));
        Api otherAdmin = admin(newTenant());

        HttpResponse<Map<String, Object>> created = admin.exchange(HttpRequest.POST("/api/budgets",
                budget("tenant", null, null, "month", "cost", 50)));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        String id = (String) created.body().get("id");
        assertThat(created.getHeaders().get("Location")).isEqualTo("/api/budgets/" + id);
        assertThat(created.body()).containsEntry("scope", "tenant").containsEntry("period", "month")
                .containsEntry("metric", "cost").containsEntry("limit", 50).containsEntry("spent", 0)
                .containsEntry("every_user", false).containsKeys("period_start", "resets_at", "created_by");

        for (Api notAdmin : List.of(person, visitor)) {
            assertThat(notAdmin.status(HttpRequest.GET("/api/budgets"))).isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.POST("/api/budgets", budget("tenant", null, null, "day", "tokens", 5))))
                    .isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.PATCH("/api/budgets/" + id, Map.of("limit", 1)))).isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.DELETE("/api/budgets/" + id))).isEqualTo(403);
            assertThat(notAdmin.status(HttpRequest.GET("/api/budgets/mine"))).isEqualTo(200);
        }
        assertThat(otherAdmin.items("/api/budgets")).isEmpty();
        assertThat(otherAdmin.status(HttpRequest.PATCH("/api/budgets/" + id, Map.of("limit", 1)))).isEqualTo(404);
        assertThat(otherAdmin.status(HttpRequest.DELETE("/api/budgets/" + id))).isEqualTo(404);
        assertThat(new Api("not-a-token").status(HttpRequest.GET("/api/budgets"))).isEqualTo(401);
        assertThat(new Api("not-a-token").status(HttpRequest.GET("/api/budgets/mine"))).isEqualTo(401);

        Map<String, Object> changed = admin.send(HttpRequest.PATCH("/api/budgets/" + id, Map.of("limit", 75.5)));
        assertThat(changed).containsEntry("limit", 75.5).containsEntry("id", id);
        assertThat(admin.items("/api/budgets")).singleElement().satisfies(b -> assertThat(b).containsEntry("limit", 75.5));
        assertThat(admin.status(HttpRequest.DELETE("/api/budgets/" + id))).isEqualTo(204);
        assertThat(admin.items("/api/budgets")).isEmpty();
        assertThat(admin.status(HttpRequest.DELETE("/api/budgets/" + id))).isEqualTo(404);
        assertThat(admin.status(HttpRequest.DELETE("/api/budgets/not-a-uuid"))).isEqualTo(404);
    }

    @Test
    void refuses_bad_budgets_naming_each_field() {
        String tenant = newTenant();
        Api admin = admin(tenant);
        admin.send(HttpRequest.POST("/api/agents", Map.of("slug", "sales", "name", "Sales", "system_prompt", "Sell.")));

        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("galaxy", null, null, "week", "coins", 0)), 422))
                .containsExactlyInAnyOrder("scope", "period", "metric", "limit");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("tenant", "sales", "u-1", "day", "tokens", 10)), 422))
                .containsExactlyInAnyOrder("agent", "user_id");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("agent", null, null, "day", "tokens", 10)), 422))
                .containsExactly("agent");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("agent", "nobody", null, "day", "tokens", 10)), 422))
                .containsExactly("agent");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("user", "sales", null, "day", "tokens", 10)), 422))
                .containsExactly("agent");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("user", null, null, "day", "tokens", -5)), 422))
                .containsExactly("limit");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("user", null, null, "day", "tokens", 10.5)), 422))
                .containsExactly("limit");
        Map<String, Object> noLimit = budget("tenant", null, null, "day", "cost", 1);
        noLimit.remove("limit");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", noLimit), 422)).containsExactly("limit");

        Map<String, Object> sales = admin.send(HttpRequest.POST("/api/budgets", budget("agent", "sales", null, "day", "tokens", 1000)));
        assertThat(sales).containsEntry("agent", "sales").containsEntry("scope", "agent");
        assertThat(admin.problemFields(HttpRequest.POST("/api/budgets", budget("agent", "sales", null, "day", "tokens", 5)), 409))
                .containsExactly("scope");
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/budgets/" + sales.get("id"), Map.of("period", "month", "limit", 5)), 422))
                .containsExactly("period");
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/budgets/" + sales.get("id"), Map.of("limit", 0)), 422))
                .containsExactly("limit");
        assertThat(admin.send(HttpRequest.POST("/api/budgets", budget("agent", "default", null, "day", "cost", 2))))
                .containsEntry("agent", "default");

        assertThat(admin.status(HttpRequest.DELETE("/api/agents/sales"))).isEqualTo(204);
        assertThat(admin.items("/api/budgets")).extracting(b -> b.get("agent")).containsExactly("default");
    }

    @Test
    void every_user_sees_the_budgets_that_hold_them_with_their_own_spending_and_admins_see_the_top_spender() {
        String tenant = newTenant();
        Api admin = admin(tenant);
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        admin.send(HttpRequest.POST("/api/budgets", budget("user", null, null, "day", "tokens", 1000)));
        admin.send(HttpRequest.POST("/api/budgets", budget("user", null, alice, "month", "tokens", 5000)));
        admin.send(HttpRequest.POST("/api/budgets", budget("tenant", null, null, "day", "tokens", 100_000)));
        spent(tenant, alice, null, 800, Instant.now());
        spent(tenant, bob, null, 300, Instant.now());

        List<Map<String, Object>> alices = new Api(jwks.token(tenant, alice, Role.VISITOR)).items("/api/budgets/mine");
        assertThat(alices).extracting(b -> b.get("period"), b -> b.get("every_user"), b -> b.get("spent"), b -> b.get("percent"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("day", true, 800, 80.0),
                        org.assertj.core.groups.Tuple.tuple("month", false, 800, 16.0));
        assertThat(new Api(jwks.token(tenant, bob, Role.VISITOR)).items("/api/budgets/mine")).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("spent", 300).containsEntry("percent", 30.0)
                        .doesNotContainKeys("created_by", "user_id"));

        List<Map<String, Object>> all = admin.items("/api/budgets");
        assertThat(all).filteredOn(b -> Boolean.TRUE.equals(b.get("every_user"))).singleElement().satisfies(b ->
                assertThat(b).containsEntry("top_user_id", alice).containsEntry("spent", 800));
        assertThat(all).filteredOn(b -> "tenant".equals(b.get("scope"))).singleElement().satisfies(b ->
                assertThat(b).containsEntry("spent", 1100));
        assertThat(all).filteredOn(b -> alice.equals(b.get("user_id"))).singleElement().satisfies(b ->
                assertThat(b).containsEntry("spent", 800));
    }

    @Test
    void a_user_whose_daily_budget_is_used_up_is_refused_before_any_model_call() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        admin(chat.tenantId()).send(HttpRequest.POST("/api/budgets",
                budget("user", null, chat.userId(), "day", "tokens", 10_000)));
        spent(chat.tenantId(), chat.userId(), null, 10_000, Instant.now());
        String thread = ChatMessages.newThread();

        MessagePosted message = chat.post(thread, "[[text:Never said.]] hello");
        TurnFailed failed = events.awaitFailed(thread, message.messageId());

        assertThat(failed.code()).isEqualTo(TurnFailed.BUDGET_EXCEEDED);
        assertThat(failed.message()).isEqualTo("Your daily budget of 10,000 tokens is used up; it resets at 00:00 UTC.");
        assertThat(simulator.requests()).noneMatch(request -> request.toString().contains("Never said."));
        assertThat(llmRequestsOfTurn(failed.turnId())).isEmpty();
    }

    @Test
    void a_turn_whose_first_model_call_uses_up_the_budget_stops_before_running_its_tools() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        // The tool call's preamble streams about 0.010 USD of text; with its arguments the call costs about 0.025.
        admin(chat.tenantId()).send(HttpRequest.POST("/api/budgets", budget("tenant", null, null, "day", "cost", 0.015)));
        String thread = ChatMessages.newThread();

        MessagePosted message = chat.post(thread, "[[tool:create_chart_artifact]] a chart of sales");
        TurnFailed failed = events.awaitFailed(thread, message.messageId());

        assertThat(failed.code()).isEqualTo(TurnFailed.BUDGET_EXCEEDED);
        assertThat(failed.message()).isEqualTo("Your organisation's daily budget of 0.015 USD is used up; it resets at 00:00 UTC.");
        assertThat(llmRequestsOfTurn(failed.turnId())).singleElement().satisfies(call ->
                assertThat(call).containsEntry("status", "ok"));
        assertThat(events.events(thread, ToolCallStarted.class)).isEmpty();
        assertThat(toolCallsOfTurn(failed.turnId())).isEmpty();
        Map<String, Object> turn = query("SELECT assistant_content, error_code FROM agent.turns WHERE id = ?::uuid",
                failed.turnId()).get(0);
        assertThat(turn).containsEntry("error_code", "budget_exceeded");
        assertThat((String) turn.get("assistant_content")).contains("I will create that chart");
    }

    @Test
    void a_long_answer_is_stopped_mid_stream_when_the_budget_runs_out_and_keeps_what_was_streamed() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        // About 4,800 tokens of request and 4,500 of answer (four characters a token): the budget runs out halfway through the answer.
        String answer = "lorem ".repeat(3000).strip();
        admin(chat.tenantId()).send(HttpRequest.POST("/api/budgets", budget("user", null, null, "day", "tokens", 7000)));
        String thread = ChatMessages.newThread();
        simulator.configure(SimulatorConfig.withDelays(0, 1));
        TurnFailed failed;
        try {
            MessagePosted message = chat.post(thread, "[[text:" + answer + "]] write a lot");
            failed = events.awaitFailed(thread, message.messageId());
        } finally {
            simulator.configure(SimulatorConfig.defaults());
        }

        assertThat(failed.code()).isEqualTo(TurnFailed.BUDGET_EXCEEDED);
        assertThat(failed.message()).isEqualTo("Your daily budget of 7,000 tokens is used up; it resets at 00:00 UTC.");
        String partial = (String) query("SELECT assistant_content FROM agent.turns WHERE id = ?::uuid", failed.turnId())
                .get(0).get("assistant_content");
        assertThat(partial).isNotBlank().startsWith("lorem lorem");
        assertThat(partial.length()).isLessThan(answer.length());
        assertThat(answer).startsWith(partial.strip());
        assertThat(String.join("", events.events(thread, TextDelta.class).stream().map(TextDelta::delta).toList()))
                .isEqualTo(partial);
        assertThat(llmRequestsOfTurn(failed.turnId())).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("status", "error");
            assertThat((String) call.get("error")).contains("budget");
            assertThat((Long) call.get("input_tokens")).isGreaterThan(4000L);
            assertThat((Long) call.get("output_tokens")).isPositive();
            assertThat((Long) call.get("input_tokens") + (Long) call.get("output_tokens")).isGreaterThanOrEqualTo(7000L);
        });
    }

    @Test
    void the_80_and_100_percent_alerts_are_published_once_each() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        Map<String, Object> created = admin(chat.tenantId()).send(HttpRequest.POST("/api/budgets",
                budget("tenant", null, null, "day", "tokens", 1000)));
        spent(chat.tenantId(), "someone-else", null, 850, Instant.now());
        String thread = ChatMessages.newThread();

        MessagePosted first = chat.post(thread, "[[text:Over the top.]] hello");
        events.awaitEnd(thread, first.messageId());
        MessagePosted second = chat.post(thread, "[[text:Refused.]] again");
        assertThat(events.awaitFailed(thread, second.messageId()).code()).isEqualTo(TurnFailed.BUDGET_EXCEEDED);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertsOf(chat.tenantId())).hasSize(2));
        List<BudgetThresholdReached> sent = alertsOf(chat.tenantId()).stream()
                .map(record -> (BudgetThresholdReached) codec.decode(codec.fromRecord(record))).toList();
        assertThat(sent).extracting(BudgetThresholdReached::threshold).containsExactly(80, 100);
        assertThat(sent.get(0).spent()).isEqualByComparingTo("850");
        assertThat(sent.get(1).spent()).isGreaterThanOrEqualTo(new BigDecimal(1000));
        assertThat(sent).allSatisfy(alert -> {
            assertThat(alert.budgetId()).isEqualTo(created.get("id"));
            assertThat(alert.scope()).isEqualTo("tenant");
            assertThat(alert.metric()).isEqualTo("tokens");
            assertThat(alert.period()).isEqualTo("day");
            assertThat(alert.periodStart()).isEqualTo(LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC));
            assertThat(alert.limit()).isEqualByComparingTo("1000");
            assertThat(alert.userId()).isNull();
        });
        assertThat(alertsOf(chat.tenantId())).allSatisfy(record -> assertThat(record.key()).isEqualTo(chat.tenantId()));

        MessagePosted third = chat.post(thread, "[[text:Refused again.]] and again");
        events.awaitFailed(thread, third.messageId());
        assertThat(alertsOf(chat.tenantId())).hasSize(2);
    }

    @Test
    void a_budget_of_every_user_holds_each_user_on_their_own() {
        String tenant = newTenant();
        ChatMessages alice = new ChatMessages(json, messagesTopic, tenant);
        ChatMessages bob = new ChatMessages(json, messagesTopic, tenant);
        admin(tenant).send(HttpRequest.POST("/api/budgets", budget("user", null, null, "day", "tokens", 2000)));
        spent(tenant, alice.userId(), null, 2000, Instant.now());
        String alicesThread = ChatMessages.newThread();
        String bobsThread = ChatMessages.newThread();

        MessagePosted fromAlice = alice.post(alicesThread, "[[text:Not for Alice.]] hi");
        MessagePosted fromBob = bob.post(bobsThread, "[[text:Hello Bob.]] hi");

        assertThat(events.awaitFailed(alicesThread, fromAlice.messageId()).code()).isEqualTo(TurnFailed.BUDGET_EXCEEDED);
        assertThat(events.awaitCompleted(bobsThread, fromBob.messageId()).content()).isEqualTo("Hello Bob.");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertsOf(tenant)).hasSize(2));
        assertThat(alertsOf(tenant)).allSatisfy(record ->
                assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo(alice.userId()));
    }

    @Test
    void an_agent_budget_holds_only_that_agents_threads() {
        String tenant = newTenant();
        Api admin = admin(tenant);
        admin.send(HttpRequest.POST("/api/agents", Map.of("slug", "sales", "name", "Sales", "system_prompt", "Sell.")));
        admin.send(HttpRequest.POST("/api/budgets", budget("agent", "sales", null, "month", "tokens", 500)));
        UUID salesId = (UUID) query("SELECT id FROM agent.agents WHERE tenant_id = ? AND slug = 'sales'", tenant).get(0).get("id");
        spent(tenant, "someone-else", salesId, 500, Instant.now());
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String salesThread = ChatMessages.newThread();
        String defaultThread = ChatMessages.newThread();

        MessagePosted toSales = chat.postForAgent(salesThread, "[[text:Buy now.]] hi", "sales");
        MessagePosted toDefault = chat.post(defaultThread, "[[text:Hello from the assistant.]] hi");

        TurnFailed failed = events.awaitFailed(salesThread, toSales.messageId());
        assertThat(failed.code()).isEqualTo(TurnFailed.BUDGET_EXCEEDED);
        assertThat(failed.message()).startsWith("The monthly budget of 500 tokens for the agent sales is used up; it resets on 1 ");
        assertThat(events.awaitCompleted(defaultThread, toDefault.messageId())).isInstanceOf(TurnCompleted.class);
    }

    @Test
    void a_daily_budget_counts_today_only_and_a_monthly_one_the_whole_month() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        Api admin = admin(chat.tenantId());
        admin.send(HttpRequest.POST("/api/budgets", budget("user", null, chat.userId(), "day", "tokens", 3000)));
        Instant lastSecondOfYesterday = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
        spent(chat.tenantId(), chat.userId(), null, 3000, lastSecondOfYesterday);
        String thread = ChatMessages.newThread();

        MessagePosted today = chat.post(thread, "[[text:Yesterday does not count.]] hi");
        assertThat(events.awaitCompleted(thread, today.messageId()).content()).isEqualTo("Yesterday does not count.");

        // Another user of the tenant, so the daily budget plays no part: the month's first second counts on any day.
        ChatMessages other = new ChatMessages(json, messagesTopic, chat.tenantId());
        admin.send(HttpRequest.POST("/api/budgets", budget("user", null, other.userId(), "month", "tokens", 3000)));
        Instant firstSecondOfMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        spent(chat.tenantId(), other.userId(), null, 3000, firstSecondOfMonth);
        String otherThread = ChatMessages.newThread();
        MessagePosted thisMonth = other.post(otherThread, "[[text:Refused.]] hi again");
        TurnFailed failed = events.awaitFailed(otherThread, thisMonth.messageId());
        assertThat(failed.code()).isEqualTo(TurnFailed.BUDGET_EXCEEDED);
        assertThat(failed.message()).startsWith("Your monthly budget of 3,000 tokens is used up; it resets on 1 ");
    }

    @Test
    void erasing_a_person_removes_the_budgets_set_on_them_and_their_name_from_the_budgets_they_set() throws Exception {
        String tenant = newTenant();
        String adminId = "admin-" + UUID.randomUUID();
        Api admin = new Api(jwks.token(tenant, adminId, Role.PERSON, Role.TENANT_ADMIN));
        String person = "person-" + UUID.randomUUID();
        admin.send(HttpRequest.POST("/api/budgets", budget("user", null, person, "day", "tokens", 100)));
        admin.send(HttpRequest.POST("/api/budgets", budget("tenant", null, null, "day", "tokens", 100)));

        String erasureId = UUID.randomUUID().toString();
        try (TestKafka.Reader identity = new TestKafka.Reader(identityTopic)) {
            TestKafka.send(identityTopic, person, json.writeValueAsBytes(new ErasureRequested(erasureId, tenant,
                    List.of(person, adminId), "0".repeat(64), Instant.now())), Map.of(
                    CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                    CloudEventHeaders.TYPE, ErasureRequested.TYPE,
                    CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                    CloudEventHeaders.TIME, Instant.now().toString(),
                    CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                    CloudEventHeaders.SUBJECT, person,
                    CloudEventHeaders.TENANT_ID, tenant,
                    CloudEventHeaders.USER_ID, person));
            await().atMost(Duration.ofSeconds(30)).until(() -> identity.records().stream()
                    .anyMatch(r -> ErasureCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE))
                            && new String(r.value()).contains(erasureId) && new String(r.value()).contains("agent-service")));
        }

        assertThat(query("SELECT scope, user_id, created_by, updated_by FROM agent.budgets WHERE tenant_id = ?", tenant))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("scope", "tenant")
                        .containsEntry("created_by", null).containsEntry("updated_by", null));
    }

    private List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> alertsOf(String tenant) {
        return alerts.withHeader(CloudEventHeaders.TENANT_ID, tenant);
    }

    /** A model call already in the request log (another turn's, or a summary's) of that user and agent. */
    private static void spent(String tenant, String user, UUID agentId, long tokens, Instant at) {
        try (Connection connection = TestDatabase.admin(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO agent.llm_requests (id, model, step, input_tokens, output_tokens, latency_ms, status,
                                                created_at, agent_id, purpose, tenant_id, user_id, thread_id, cost)
                VALUES (?, 'sim-1', 1, ?, 0, 1, 'ok', ?, ?, 'turn', ?, ?, ?, 0)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setLong(2, tokens);
            insert.setTimestamp(3, Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)));
            insert.setObject(4, agentId);
            insert.setString(5, tenant);
            insert.setString(6, user);
            insert.setString(7, UUID.randomUUID().toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> budget(String scope, String agent, String userId, String period, String metric,
                                              Number limit) {
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("scope", scope);
        if (agent != null) {
            budget.put("agent", agent);
        }
        if (userId != null) {
            budget.put("user_id", userId);
        }
        budget.put("period", period);
        budget.put("metric", metric);
        budget.put("limit", limit);
        return budget;
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private Api admin(String tenant) {
        return new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
    }

    /** One caller of the API, with its token. */
    private final class Api {
        private final String token;

        Api(String token) {
            this.token = token;
        }

        HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<?> request) {
            return http.toBlocking().exchange(request.bearerAuth(token), Argument.mapOf(String.class, Object.class));
        }

        Map<String, Object> send(MutableHttpRequest<?> request) {
            return exchange(request).body();
        }

        /** Serde leaves an empty list out of the JSON. */
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items(String path) {
            return (List<Map<String, Object>>) send(HttpRequest.GET(path)).getOrDefault("items", List.of());
        }

        int status(MutableHttpRequest<?> request) {
            try {
                return exchange(request).getStatus().getCode();
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode();
            }
        }

        /** The fields a problem of that status names. */
        @SuppressWarnings("unchecked")
        List<Object> problemFields(MutableHttpRequest<?> request, int status) {
            try {
                exchange(request);
            } catch (HttpClientResponseException e) {
                assertThat(e.getStatus().getCode()).as("status of %s %s", request.getMethod(), request.getPath()).isEqualTo(status);
                assertThat(e.getResponse().getContentType().map(Object::toString).orElse("")).contains("problem+json");
                Map<String, Object> problem = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
                List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.getOrDefault("errors", List.of());
                return errors.stream().map(error -> error.get("field")).toList();
            }
            throw new AssertionError(request.getMethod() + " " + request.getPath() + " succeeded; expected " + status);
        }
    }
}
