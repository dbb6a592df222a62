package dev.agenticchat.agent.llm;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The request log with bodies on (they are off by default, see UsageIT): each call's request and
 * answer are kept without the keys and one-time codes in them, go with their call, and are swept
 * after their retention. The price table is set as properties here, the form environment
 * variables and -D flags take.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBodiesIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAKE_KEY = "sk-proj-FAKEfake0123456789abcdef";
    private static final String CODE = "482913";

    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("request-bodies-it.chat.messages", 3);
    private AgentEventLog events;

    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;
    @Inject
    RequestBodySweeper sweeper;
    @Inject
    Pricing pricing;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("agent.llm.base-url", simulator.baseUrl());
        properties.put("agent.llm.request-log.bodies.enabled", "true");
        properties.put("agent.llm.request-log.bodies.retention", "1h");
        properties.put("agent.pricing.models[0].provider", "openai");
        properties.put("agent.pricing.models[0].model", "sim-1");
        properties.put("agent.pricing.models[0].input-per-thousand-tokens", "0.25");
        properties.put("agent.pricing.models[0].output-per-thousand-tokens", "0.75");
        properties.put("agent.pricing.models[1].provider", "anthropic");
        properties.put("agent.pricing.models[1].model", "claude-test");
        properties.put("agent.pricing.models[1].output-per-thousand-tokens", "2");
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        simulator.close();
    }

    @Test
    void the_operators_price_table_binds_from_properties_beside_the_list_prices_of_application_yml() {
        assertThat(pricing.of(new ModelTarget(Providers.OPENAI, "sim-1", null)))
                .isEqualTo(new UnitPrices(new BigDecimal("0.25"), new BigDecimal("0.75")));
        assertThat(pricing.of(new ModelTarget(Providers.ANTHROPIC, "claude-test", null)))
                .isEqualTo(new UnitPrices(BigDecimal.ZERO, new BigDecimal("2")));
        UnitPrices listed = pricing.of(new ModelTarget(Providers.OPENAI, "gpt-4o-mini", null));
        assertThat(listed.inputPerThousandTokens()).as("the shipped list prices stay").isEqualByComparingTo("0.00015");
        assertThat(listed.outputPerThousandTokens()).isEqualByComparingTo("0.0006");
    }

    @Test
    void keeps_each_calls_request_and_answer_without_keys_or_codes() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Noted: your code " + CODE + " and key " + FAKE_KEY + ".]] "
                + "my api key is " + FAKE_KEY + " and my sign-in code is " + CODE);
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<Map<String, Object>> bodies = bodiesOfTurn(completed.turnId());
        assertThat(bodies).singleElement().satisfies(body -> {
            String stored = body.get("request") + " " + body.get("response");
            assertThat(stored).doesNotContain(FAKE_KEY).doesNotContain(CODE).contains(Redactor.REDACTED);
        });
        JsonNode request = JSON.readTree((String) bodies.get(0).get("request"));
        JsonNode user = request.path("messages").get(request.path("messages").size() - 1);
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("text").asText()).contains("my api key is [redacted] and my sign-in code is [redacted]");
        assertThat(request.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(request.path("tools")).extracting(JsonNode::asText).contains("create_chart_artifact");
        assertThat(JSON.readTree((String) bodies.get(0).get("response")).path("text").asText())
                .isEqualTo("Noted: your code [redacted] and key [redacted].");
        assertThat(query("SELECT cost FROM agent.llm_requests WHERE turn_id = ?::uuid", completed.turnId()).get(0).get("cost"))
                .as("priced from the table set as properties").satisfies(cost -> assertThat((BigDecimal) cost).isPositive());

        execute("DELETE FROM agent.llm_requests WHERE turn_id = ?::uuid", completed.turnId());
        assertThat(bodiesOfTurn(completed.turnId())).as("a call's bodies go with it (an erasure deletes the calls)").isEmpty();
    }

    @Test
    void bodies_older_than_the_retention_are_swept() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String oldThread = ChatMessages.newThread();
        String newThread = ChatMessages.newThread();
        MessagePosted old = chat.post(oldThread, "[[text:Old.]] old");
        MessagePosted recent = chat.post(newThread, "[[text:New.]] new");
        String oldTurn = events.awaitCompleted(oldThread, old.messageId()).turnId();
        String newTurn = events.awaitCompleted(newThread, recent.messageId()).turnId();
        execute("UPDATE agent.llm_request_bodies SET created_at = now() - interval '2 hours' WHERE request_id IN "
                + "(SELECT id FROM agent.llm_requests WHERE turn_id = ?::uuid)", oldTurn);

        assertThat(sweeper.sweep()).isPositive();

        assertThat(bodiesOfTurn(oldTurn)).isEmpty();
        assertThat(bodiesOfTurn(newTurn)).hasSize(1);
        assertThat(query("SELECT count(*) AS n FROM agent.llm_requests WHERE turn_id = ?::uuid", oldTurn).get(0))
                .as("the call itself stays in the log").containsEntry("n", 1L);
    }

    private static List<Map<String, Object>> bodiesOfTurn(String turnId) {
        return query("SELECT b.* FROM agent.llm_request_bodies b JOIN agent.llm_requests r ON r.id = b.request_id "
                + "WHERE r.turn_id = ?::uuid", turnId);
    }

    private static void execute(String sql, String parameter) throws Exception {
        try (Connection connection = TestDatabase.admin(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }
}
