package dev.agenticchat.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ArtifactServiceStandIn;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.agent.fixtures.RetrievalStandIn;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.testing.Scrape;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A turn as the agent worker's scrape shows it: the simulator as the model, a stand-in for
 * artifact-service, real Postgres and Kafka. Every assertion compares a scrape before the turn
 * with one after it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentMetricsIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "agent-metrics-it-" + UUID.randomUUID();

    private final int managementPort = Scrape.freePort();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final ArtifactServiceStandIn artifactService = ArtifactServiceStandIn.start(SERVICE_TOKEN);
    private final RetrievalStandIn retrieval = RetrievalStandIn.start(SERVICE_TOKEN);
    private final String messagesTopic = TestKafka.createTopic("agent-metrics-it.chat.messages", 3);
    private AgentEventLog events;
    private ChatMessages chat;

    @Inject
    JsonMapper jsonMapper;
    @Inject
    EventCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.putAll(Map.of(
                "agentic.metrics.port", String.valueOf(managementPort),
                "agent.llm.base-url", simulator.baseUrl(),
                "micronaut.http.services.artifact-service.url", artifactService.url(),
                "micronaut.http.services.retrieval-service.url", retrieval.url(),
                "agentic.service-credentials.token", SERVICE_TOKEN,
                "agent.llm.retry-backoff", "50ms,100ms,200ms"));
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @BeforeEach
    void freshSimulatorAndUser() {
        simulator.reset();
        chat = new ChatMessages(jsonMapper, messagesTopic);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        simulator.close();
        artifactService.close();
        retrieval.close();
    }

    @Test
    void a_turn_that_makes_a_chart_moves_the_turn_model_and_tool_meters() {
        Scrape before = Scrape.of(managementPort);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "make a bar chart of quarterly sales");
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());
        Scrape after = Scrape.of(managementPort);

        Map<String, String> done = Map.of("outcome", "completed");
        assertThat(moved(before, after, "agentic_turn_duration_seconds_count", done)).isEqualTo(1);
        assertThat(moved(before, after, "agentic_turn_first_delta_seconds_count", done)).isEqualTo(1);
        assertThat(moved(before, after, "agentic_turn_duration_seconds_bucket", Map.of("outcome", "completed", "le", "+Inf")))
                .isEqualTo(1);
        assertThat(moved(before, after, "agentic_model_call_duration_seconds_count", Map.of("outcome", "ok", "purpose", "turn")))
                .as("the tool call's step and the answer's").isEqualTo(2);
        assertThat(moved(before, after, "agentic_model_tokens_total", Map.of("direction", "input")))
                .isEqualTo(completed.usage().inputTokens());
        assertThat(moved(before, after, "agentic_model_tokens_total", Map.of("direction", "output")))
                .isEqualTo(completed.usage().outputTokens());
        assertThat(moved(before, after, "agentic_model_cost_dollars_total", Map.of()))
                .isCloseTo(completed.cost().amount().doubleValue(), Offset.offset(1e-9));
        assertThat(moved(before, after, "agentic_tool_calls_total", Map.of("tool", "create_chart_artifact", "outcome", "completed")))
                .isEqualTo(1);
        assertThat(after.labelValues("agentic_turn_duration_seconds_count", "agent")).doesNotContain(chat.tenantId(), chat.userId(), thread);
        assertThat(after.has("agentic_kafka_consumer_lag_records", Map.of("service", "agent-service"))).isTrue();
        assertThat(after.has("agentic_outbox_backlog_rows", Map.of())).isTrue();
    }

    @Test
    void a_turn_the_model_fails_counts_as_failed_with_its_code_and_its_calls_as_errors() {
        simulator.configure(new SimulatorConfig(0, 0, 10, 500));
        Scrape before = Scrape.of(managementPort);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Never said.]] hello");
        TurnFailed failed = events.awaitFailed(thread, message.messageId());
        simulator.reset();
        Scrape after = Scrape.of(managementPort);

        assertThat(failed.code()).isEqualTo(TurnFailed.LLM_UNAVAILABLE);
        assertThat(moved(before, after, "agentic_turn_duration_seconds_count", Map.of("outcome", TurnFailed.LLM_UNAVAILABLE)))
                .isEqualTo(1);
        assertThat(moved(before, after, "agentic_turn_duration_seconds_count", Map.of("outcome", "completed"))).isZero();
        assertThat(moved(before, after, "agentic_turn_first_delta_seconds_count", Map.of())).as("no text streamed").isZero();
        assertThat(moved(before, after, "agentic_model_call_duration_seconds_count", Map.of("outcome", "error")))
                .isEqualTo(4);
    }

    private static double moved(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
