package dev.agenticchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A session linked to a person around its turn: the turn is stored as the person's and its end
 * announced for the person, whether the link came before the message was consumed or while the
 * model was still answering.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkingDuringTurnIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough that the link is applied well before the model's first token. */
    private static final long SLOW_MODEL_MS = 8000;

    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("agent-linking-it.chat.messages", 3);

    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("agent.llm.base-url", simulator.baseUrl());
        return properties;
    }

    @AfterEach
    void fastModel() {
        simulator.configure(SimulatorConfig.withDelays(0, 0));
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @Test
    void a_message_the_session_sent_before_its_link_is_answered_in_a_turn_of_the_person() throws Exception {
        ChatMessages session = new ChatMessages(json, messagesTopic);
        String person = UUID.randomUUID().toString();
        String thread = ChatMessages.newThread();
        try (AgentEventLog events = new AgentEventLog(codec)) {
            events.awaitCompleted(thread, session.post(thread, "[[text:Hello.]] hi").messageId());
            link(session, person);
            await().atMost(WAIT).until(() -> turnsOf(person) == 1);

            // Posted by the session just before the link, consumed by the agent only after it.
            MessagePosted late = session.post(thread, "[[text:Here you are.]] and a chart?");
            TurnCompleted completed = events.awaitCompleted(thread, late.messageId());

            assertThat(turnsOf(person)).isEqualTo(2);
            assertThat(turnsOf(session.userId())).as("no turn stays with the retired session").isZero();
            assertThat(userIdOf(events, thread, completed)).isEqualTo(person);
        }
    }

    @Test
    void a_turn_running_when_its_session_is_linked_ends_as_the_persons() throws Exception {
        ChatMessages session = new ChatMessages(json, messagesTopic);
        String person = UUID.randomUUID().toString();
        String thread = ChatMessages.newThread();
        simulator.configure(SimulatorConfig.withDelays(SLOW_MODEL_MS, 0));
        try (AgentEventLog events = new AgentEventLog(codec)) {
            MessagePosted message = session.post(thread, "[[text:Here is your chart.]] chart my sales");
            await().atMost(WAIT).until(() -> !events.events(thread, TurnStarted.class).isEmpty());

            link(session, person);
            await().atMost(WAIT).until(() -> turnsOf(person) == 1);
            assertThat(events.events(thread, TurnCompleted.class)).as("the link came while the turn ran").isEmpty();

            TurnCompleted completed = events.awaitCompleted(thread, message.messageId());
            assertThat(userIdOf(events, thread, completed)).isEqualTo(person);
            assertThat(turnsOf(session.userId())).isZero();
        }
    }

    private static String userIdOf(AgentEventLog events, String thread, TurnCompleted completed) {
        ConsumerRecord<String, byte[]> record = events.records(thread).stream()
                .filter(r -> TurnCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .filter(r -> completed.turnId().equals(((TurnCompleted) events.decode(r)).turnId()))
                .findFirst().orElseThrow();
        return TestKafka.header(record, CloudEventHeaders.USER_ID);
    }

    private void link(ChatMessages session, String person) throws Exception {
        TestKafka.send(Topics.IDENTITY_EVENTS, person,
                json.writeValueAsBytes(new UserLinked(session.tenantId(), session.userId(), person, Instant.now())), Map.of(
                        CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                        CloudEventHeaders.TYPE, UserLinked.TYPE,
                        CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                        CloudEventHeaders.TIME, Instant.now().toString(),
                        CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                        CloudEventHeaders.SUBJECT, person,
                        CloudEventHeaders.TENANT_ID, session.tenantId(),
                        CloudEventHeaders.USER_ID, person));
    }

    private static int turnsOf(String userId) throws Exception {
        try (Connection db = TestDatabase.admin();
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM agent.turns WHERE user_id = ?")) {
            count.setString(1, userId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
