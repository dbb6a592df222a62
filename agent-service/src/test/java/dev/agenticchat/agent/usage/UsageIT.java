package dev.agenticchat.agent.usage;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ArtifactServiceStandIn;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.agent.fixtures.GatewayStandIn;
import dev.agenticchat.agent.llm.UnitPrices;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
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
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * The request log and {@code GET /api/usage} on real Postgres and Kafka with the LLM simulator:
 * two users of one tenant talk to its default agent (the default prices), to an agent with its
 * own prices and model, and through that agent's fallback (the price table of application.yml);
 * their quiet threads are summarised. Every call's row carries the prices it was made at, each
 * turn's cost is the sum of its rows, and usage per group is the sum of the rows, seen by each
 * caller as far as they may see it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "usage-it-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final UnitPrices DEFAULT_PRICES = new UnitPrices(new BigDecimal("0.01"), new BigDecimal("0.02"));
    private static final UnitPrices SALES_PRICES = new UnitPrices(new BigDecimal("0.5"), new BigDecimal("1.5"));
    /** application.yml's price table. */
    private static final UnitPrices GPT_4O_MINI_PRICES = new UnitPrices(new BigDecimal("0.00015"), new BigDecimal("0.0006"));

    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final GatewayStandIn gateway = GatewayStandIn.start(SERVICE_TOKEN);
    private final ArtifactServiceStandIn artifactService = ArtifactServiceStandIn.start(SERVICE_TOKEN);
    private final String messagesTopic = TestKafka.createTopic("usage-it.chat.messages", 3);
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String otherTenant = "tenant-" + UUID.randomUUID();
    private final Map<String, TurnCompleted> completed = new LinkedHashMap<>();
    private AgentEventLog events;
    private ChatMessages visitor;
    private ChatMessages person;
    private String salesAgentId;

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
        properties.put("agent.llm.input-price-per-thousand-tokens", "0.01");
        properties.put("agent.llm.output-price-per-thousand-tokens", "0.02");
        properties.put("agentic.service-credentials.token", SERVICE_TOKEN);
        properties.put("micronaut.http.services.gateway-service.url", gateway.url());
        properties.put("micronaut.http.services.artifact-service.url", artifactService.url());
        properties.put("agent.summaries.enabled", "true");
        properties.put("agent.summaries.inactivity-timeout", "3650d");
        properties.put("agent.summaries.sweep-interval", "200ms");
        properties.put("agent.summaries.tenant-cache-ttl", "1s");
        return properties;
    }

    /** The turns and summaries every test reads; the fallback turn first, while nothing else calls the simulator. */
    @BeforeAll
    void twoUsersTalkToTwoAgentsAndTheirThreadsAreSummarised() {
        events = new AgentEventLog(codec);
        visitor = new ChatMessages(json, messagesTopic, tenant);
        person = new ChatMessages(json, messagesTopic, tenant);
        Map<String, Object> sales = new LinkedHashMap<>();
        sales.put("slug", "sales");
        sales.put("name", "Sales Sam");
        sales.put("model", "sim-sales");
        sales.put("system_prompt", "You are Sales Sam.");
        sales.put("input_price_per_thousand_tokens", 0.5);
        sales.put("output_price_per_thousand_tokens", 1.5);
        sales.put("fallbacks", List.of(Map.of("provider", "openai", "model", "gpt-4o-mini")));
        JsonNode created = admin(tenant).send(HttpRequest.POST("/api/agents", sales), 201);
        assertThat(created.path("input_price_per_thousand_tokens").decimalValue()).isEqualByComparingTo("0.5");
        salesAgentId = query("SELECT id::text AS id FROM agent.agents WHERE tenant_id = ? AND slug = 'sales'", tenant)
                .get(0).get("id").toString();

        simulator.configure(new SimulatorConfig(0, 0, 1, 503));
        answer(person, person.postForAgent(ChatMessages.newThread(), "[[text:Our plans, from the fallback.]] plans?", "sales"));
        simulator.configure(SimulatorConfig.defaults());
        answer(visitor, visitor.post(ChatMessages.newThread(), "[[text:Hello from the assistant.]] hi"));
        answer(visitor, visitor.postForAgent(ChatMessages.newThread(), "[[text:Hello from sales.]] hi", "sales"));
        answer(person, person.post(ChatMessages.newThread(), "make a bar chart of quarterly sales"));
        ChatMessages elsewhere = new ChatMessages(json, messagesTopic, otherTenant);
        answer(elsewhere, elsewhere.post(ChatMessages.newThread(), "[[text:Hello from elsewhere.]] hi"));

        gateway.tenant(tenant, "PT1S");
        await().atMost(Duration.ofSeconds(45)).until(() -> query(
                "SELECT count(*) AS n FROM agent.thread_activity a WHERE a.tenant_id = ? AND a.summarized_through IS NULL",
                tenant).get(0).get("n").equals(0L));
        await().atMost(Duration.ofSeconds(10)).until(() -> !rows("purpose = 'summary'").isEmpty());
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        simulator.close();
        gateway.close();
        artifactService.close();
        jwks.close();
    }

    @Test
    void every_call_is_logged_at_the_prices_in_force_for_its_agent_and_model() {
        List<Map<String, Object>> calls = rows("true");

        assertThat(calls).extracting(row -> row.get("model")).contains("sim-1", "sim-sales", "gpt-4o-mini");
        for (Map<String, Object> call : calls) {
            UnitPrices expected = "gpt-4o-mini".equals(call.get("model")) ? GPT_4O_MINI_PRICES
                    : "sim-sales".equals(call.get("model")) ? SALES_PRICES : DEFAULT_PRICES;
            UnitPrices logged = new UnitPrices((BigDecimal) call.get("input_price_per_thousand_tokens"),
                    (BigDecimal) call.get("output_price_per_thousand_tokens"));
            assertThat(logged.inputPerThousandTokens()).as("input price of %s", call).isEqualByComparingTo(expected.inputPerThousandTokens());
            assertThat(logged.outputPerThousandTokens()).as("output price of %s", call).isEqualByComparingTo(expected.outputPerThousandTokens());
            long input = (Long) call.get("input_tokens");
            long output = (Long) call.get("output_tokens");
            assertThat((BigDecimal) call.get("cost")).as("cost of %s", call).isEqualByComparingTo(expected.cost(input, output));
            if ("ok".equals(call.get("status"))) {
                assertThat(input).isPositive();
                assertThat(output).isPositive();
            } else {
                assertThat(input + output).isZero();
                assertThat((BigDecimal) call.get("cost")).isEqualByComparingTo("0");
            }
        }
        assertThat(rows("status = 'error'")).as("the sales model's refusal before its fallback answered").singleElement()
                .satisfies(row -> assertThat(row).containsEntry("model", "sim-sales").containsEntry("user_id", person.userId()));
        assertThat(rows("purpose = 'summary'")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("turn_id")).isNull();
            assertThat(row.get("agent_id")).isNull();
            assertThat(row).containsEntry("provider", "openai").containsEntry("model", "sim-1").containsEntry("status", "ok");
            assertThat(row.get("thread_id")).isNotNull();
            assertThat(List.of(visitor.userId(), person.userId())).contains((String) row.get("user_id"));
        });
        assertThat(query("SELECT count(*) AS n FROM agent.llm_request_bodies b JOIN agent.llm_requests r ON r.id = b.request_id "
                + "WHERE r.tenant_id = ?", tenant).get(0)).as("bodies are off by default").containsEntry("n", 0L);
    }

    @Test
    void a_turns_cost_is_the_sum_of_its_calls() {
        assertThat(completed).hasSize(4);
        for (TurnCompleted turn : completed.values()) {
            BigDecimal sum = (BigDecimal) query("SELECT coalesce(sum(cost), 0) AS cost FROM agent.llm_requests WHERE turn_id = ?::uuid",
                    turn.turnId()).get(0).get("cost");
            assertThat(turn.cost().amount()).as("turn %s", turn.turnId()).isEqualByComparingTo(sum);
            assertThat(turn.cost().currency()).isEqualTo("USD");
        }
        TurnCompleted fallback = completed.values().iterator().next();
        assertThat(fallback.cost().amount()).isPositive()
                .isEqualByComparingTo(GPT_4O_MINI_PRICES.cost(fallback.usage().inputTokens(), fallback.usage().outputTokens()));
    }

    @Test
    void a_tenant_admin_sees_the_whole_tenant_per_agent_model_user_and_day_as_the_log_sums_it() {
        Api admin = admin(tenant);

        JsonNode perAgent = admin.usage("group_by=agent");
        assertThat(keys(perAgent)).containsExactlyInAnyOrder("default", "sales", UsageService.NO_AGENT_KEY);
        assertThat(group(perAgent, "sales").path("name").asText()).isEqualTo("Sales Sam");
        assertThat(group(perAgent, UsageService.NO_AGENT_KEY).path("name").asText()).isEqualTo("no agent");
        assertSums(perAgent, "coalesce(a.slug, r.agent_id::text, '(none)')", "true");

        JsonNode perModel = admin.usage("group_by=model");
        assertThat(keys(perModel)).containsExactlyInAnyOrder("openai/sim-1", "openai/sim-sales", "openai/gpt-4o-mini");
        assertSums(perModel, "r.provider || '/' || r.model", "true");

        JsonNode perUser = admin.usage("group_by=user");
        assertThat(keys(perUser)).containsExactlyInAnyOrder(visitor.userId(), person.userId());
        assertSums(perUser, "r.user_id", "true");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode perDay = admin.usage("group_by=day");
        assertThat(keys(perDay)).hasSize(30).endsWith(today).isSorted();
        assertSums(perDay, "to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", "true");
        assertThat(perDay.path("groups").get(0).path("requests").asLong()).as("a day without calls").isZero();
        assertThat(perDay.path("group_by").asText()).isEqualTo("day");
        assertThat(perDay.path("currency").asText()).isEqualTo("USD");
        assertThat(perDay.path("totals")).isEqualTo(perAgent.path("totals"));

        JsonNode oneDay = admin.usage("from=" + today + "&to=" + today + "&group_by=day");
        assertThat(keys(oneDay)).containsExactly(today);
        assertThat(oneDay.path("from").asText()).isEqualTo(today + "T00:00:00Z");
        assertThat(oneDay.path("totals")).isEqualTo(perAgent.path("totals"));
        assertThat(admin.usage("from=2020-01-01&to=2020-01-31&group_by=model").path("totals").path("requests").asLong()).isZero();
    }

    @Test
    void users_see_only_their_own_calls_and_nobody_sees_another_tenants() {
        for (ChatMessages user : List.of(visitor, person)) {
            Role role = user == visitor ? Role.VISITOR : Role.PERSON;
            Api self = new Api(jwks.token(tenant, user.userId(), role));
            JsonNode perUser = self.usage("group_by=user");
            assertThat(keys(perUser)).containsExactly(user.userId());
            assertSums(perUser, "r.user_id", "r.user_id = '" + user.userId() + "'");
            assertSums(self.usage("group_by=agent"), "coalesce(a.slug, r.agent_id::text, '(none)')",
                    "r.user_id = '" + user.userId() + "'");
        }
        Api newcomer = new Api(jwks.token(tenant, "user-" + UUID.randomUUID(), Role.VISITOR));
        assertThat(newcomer.usage("group_by=agent").path("groups")).isEmpty();

        JsonNode elsewhere = admin(otherTenant).usage("group_by=user");
        assertThat(elsewhere.toString()).doesNotContain(visitor.userId()).doesNotContain(person.userId());
        assertThat(elsewhere.path("totals").path("requests").asLong())
                .isEqualTo((Long) query("SELECT count(*) AS n FROM agent.llm_requests WHERE tenant_id = ?", otherTenant).get(0).get("n"));
        assertThat(admin(otherTenant).usage("group_by=agent").toString()).doesNotContain("sales");

        assertThat(new Api(null).status("")).isEqualTo(401);
        assertThat(new Api("not-a-token").status("")).isEqualTo(401);
    }

    @Test
    void refuses_bad_parameters_naming_them() {
        Api admin = admin(tenant);

        assertThat(admin.problemFields("from=yesterday&group_by=week")).containsExactly("from", "group_by");
        assertThat(admin.problemFields("from=2026-12-02&to=2026-12-01")).containsExactly("to");
        assertThat(admin.problemFields("from=2024-01-01&to=2025-06-01")).containsExactly("to");
        assertThat(admin.problemFields("to=2026-02-30")).containsExactly("to");
    }

    @Test
    void a_deleted_agents_calls_stay_keyed_by_its_id() {
        String tenantOfDeleted = "tenant-" + UUID.randomUUID();
        Api admin = admin(tenantOfDeleted);
        admin.send(HttpRequest.POST("/api/agents", Map.of("slug", "gone", "name", "Gone", "system_prompt", "Be brief.")), 201);
        String goneId = query("SELECT id::text AS id FROM agent.agents WHERE tenant_id = ? AND slug = 'gone'", tenantOfDeleted)
                .get(0).get("id").toString();
        ChatMessages user = new ChatMessages(json, messagesTopic, tenantOfDeleted);
        answer(user, user.postForAgent(ChatMessages.newThread(), "[[text:Soon gone.]] hi", "gone"));
        admin.send(HttpRequest.DELETE("/api/agents/gone"), 204);

        JsonNode perAgent = admin.usage("group_by=agent");
        assertThat(keys(perAgent)).containsExactly(goneId);
        assertThat(group(perAgent, goneId).path("name").asText()).isEqualTo("deleted agent");
        assertThat(group(perAgent, goneId).path("requests").asLong()).isEqualTo(1);
    }

    private void answer(ChatMessages user, MessagePosted message) {
        TurnCompleted turn = events.awaitCompleted(message.threadId(), message.messageId());
        if (user.tenantId().equals(tenant)) {
            completed.put(turn.turnId(), turn);
        }
    }

    private List<Map<String, Object>> rows(String condition) {
        return query("SELECT * FROM agent.llm_requests r WHERE r.tenant_id = ? AND " + condition + " ORDER BY created_at", tenant);
    }

    /** The groups' sums and the totals are the log's, grouped by {@code key} over the rows matching {@code condition}. */
    private void assertSums(JsonNode report, String key, String condition) {
        List<Map<String, Object>> expected = query("SELECT " + key + " AS key, count(*) AS requests, sum(r.input_tokens) AS input,"
                + " sum(r.output_tokens) AS output, sum(r.cost) AS cost FROM agent.llm_requests r"
                + " LEFT JOIN agent.agents a ON a.id = r.agent_id WHERE r.tenant_id = ? AND " + condition + " GROUP BY 1", tenant);
        long requests = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (Map<String, Object> sums : expected) {
            JsonNode group = group(report, (String) sums.get("key"));
            assertThat(group.path("requests").asLong()).as("requests of %s", sums).isEqualTo((Long) sums.get("requests"));
            assertThat(group.path("input_tokens").asLong()).isEqualTo(((BigDecimal) sums.get("input")).longValue());
            assertThat(group.path("output_tokens").asLong()).isEqualTo(((BigDecimal) sums.get("output")).longValue());
            assertThat(group.path("total_tokens").asLong())
                    .isEqualTo(group.path("input_tokens").asLong() + group.path("output_tokens").asLong());
            assertThat(group.path("cost").decimalValue()).as("cost of %s", sums).isEqualByComparingTo((BigDecimal) sums.get("cost"));
            requests += (Long) sums.get("requests");
            cost = cost.add((BigDecimal) sums.get("cost"));
        }
        assertThat(report.path("groups").findValues("requests").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(requests);
        assertThat(report.path("totals").path("requests").asLong()).isEqualTo(requests);
        assertThat(report.path("totals").path("cost").decimalValue()).isEqualByComparingTo(cost);
    }

    private static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.path("groups").forEach(group -> keys.add(group.path("key").asText()));
        return keys;
    }

    private static JsonNode group(JsonNode report, String key) {
        for (JsonNode group : report.path("groups")) {
            if (group.path("key").asText().equals(key)) {
                return group;
            }
        }
        throw new AssertionError("no group " + key + " in " + report);
    }

    private Api admin(String tenantId) {
        return new Api(jwks.token(tenantId, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
    }

    /** One caller of the API, with its token (null: none). */
    private final class Api {
        private final String token;

        Api(String token) {
            this.token = token;
        }

        JsonNode send(io.micronaut.http.MutableHttpRequest<?> request, int status) {
            if (token != null) {
                request.bearerAuth(token);
            }
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            assertThat(response.getStatus().getCode()).isEqualTo(status);
            try {
                return JSON.readTree(response.body() == null ? "{}" : response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        JsonNode usage(String query) {
            return send(HttpRequest.GET("/api/usage?" + query), 200);
        }

        int status(String query) {
            try {
                usage(query);
                return 200;
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode();
            }
        }

        List<String> problemFields(String query) {
            try {
                usage(query);
            } catch (HttpClientResponseException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(400);
                assertThat(e.getResponse().getContentType().map(Object::toString).orElse("")).contains("problem+json");
                JsonNode problem;
                try {
                    problem = JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
                } catch (java.io.IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
                return problem.path("errors").findValues("field").stream().map(JsonNode::asText).toList();
            }
            throw new AssertionError("GET /api/usage?" + query + " succeeded; expected 400");
        }
    }
}
