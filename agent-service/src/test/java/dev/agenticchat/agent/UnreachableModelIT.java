package dev.agenticchat.agent;

import static dev.agenticchat.agent.fixtures.AgentDatabase.llmRequestsOfTurn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An agent whose model endpoint refuses connections: its own application context, LLM_BASE_URL on a closed port. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreachableModelIT implements TestPropertyProvider {
    private final String messagesTopic = TestKafka.createTopic("agent-it.chat.messages", 2);
    private AgentEventLog events;

    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("agent.llm.base-url", "http://127.0.0.1:" + closedPort() + "/v1");
        properties.put("agent.llm.retry-backoff", "50ms,100ms,200ms");
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stopReading() throws InterruptedException {
        events.close();
    }

    @Test
    void fails_the_turn_as_llm_unavailable_when_the_model_cannot_be_reached() {
        String thread = ChatMessages.newThread();
        MessagePosted message = new ChatMessages(json, messagesTopic).post(thread, "hello?");

        TurnFailed failed = events.awaitFailed(thread, message.messageId());

        assertThat(failed.code()).isEqualTo(TurnFailed.LLM_UNAVAILABLE);
        assertThat(failed.message()).isEqualTo("The language model could not be reached (connection refused) after 4 attempts.");
        assertThat(events.events(thread, TurnStarted.class)).singleElement()
                .satisfies(started -> assertThat(started.turnId()).isEqualTo(failed.turnId()));
        assertThat(llmRequestsOfTurn(failed.turnId())).hasSize(4)
                .allSatisfy(row -> assertThat(row).containsEntry("status", "error"));
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
