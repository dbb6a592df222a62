package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade of the agent workers: one of the instances is stopped (SIGTERM, as Kubernetes
 * does) while it runs turns. It stops taking messages, lets its running turns finish (within the
 * grace period) or hands them over; either way every turn is answered once, in full.
 */
class RollingUpgradeE2EIT {
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @AfterEach
    void usualPace() {
        suite.simulator().configure(RunningSuite.USUAL_PACE);
    }

    @Test
    void stopping_an_agent_worker_mid_turn_answers_every_turn_once_in_full() throws Exception {
        // Earlier tests' instances may still be members (a crashed one until its session times out).
        Set<String> before = TestKafka.groupMembers("agent-workers");
        String leaving = suite.startReplica("agent-service");
        await("the new instance holds partitions of agent-workers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> TestKafka.joinedWithPartitions("agent-workers", before));
        suite.simulator().configure(new SimulatorConfig(20, 100, 0, 500));
        int threads = 10;
        List<String> stories = IntStream.range(0, threads).mapToObj(i -> IntStream.rangeClosed(1, 20)
                .mapToObj(w -> "t" + i + "w" + w).collect(Collectors.joining(" "))).toList();
        List<Api.Session> sessions = IntStream.range(0, threads).mapToObj(i -> api.anonymousSession()).toList();
        List<WsClient> sockets = sessions.stream().map(s -> WsClient.authenticated(suite, s.accessToken())).toList();
        try {
            for (int i = 0; i < threads; i++) {
                sockets.get(i).send(Map.of("type", "user_message", "content", "[[text:" + stories.get(i) + "]] go",
                        "client_message_id", UUID.randomUUID().toString()));
            }
            List<String> threadIds = sockets.stream()
                    .map(socket -> socket.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText()).toList();
            sockets.forEach(socket -> socket.awaitType("text_delta", Duration.ofSeconds(60)));

            // Every turn is under way now; some of them on the instance about to leave.
            assertThat(suite.log(leaving)).as("turns the leaving instance runs").contains(" started for message ");
            suite.terminate(leaving);

            for (int i = 0; i < threads; i++) {
                JsonNode answer = sockets.get(i).awaitType("assistant_message", Duration.ofSeconds(120));
                assertThat(answer.path("content").asText()).isEqualTo(stories.get(i));
            }
            for (int i = 0; i < threads; i++) {
                List<JsonNode> frames = sockets.get(i).received();
                // However often the turn started, one answer, and the deltas after its last start spell it.
                assertThat(frames).filteredOn(f -> "assistant_message".equals(f.path("type").asText())).hasSize(1);
                int lastStart = 0;
                for (int k = 0; k < frames.size(); k++) {
                    if ("turn_started".equals(frames.get(k).path("type").asText())) {
                        lastStart = k;
                    }
                }
                assertThat(frames.subList(lastStart, frames.size()).stream()
                        .filter(f -> "text_delta".equals(f.path("type").asText())).map(f -> f.path("delta").asText())
                        .collect(Collectors.joining())).isEqualTo(stories.get(i));
                String threadId = threadIds.get(i);
                String token = sessions.get(i).accessToken();
                String story = stories.get(i);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    JsonNode items = api.get("/api/threads/" + threadId + "/messages", token).body().path("items");
                    assertThat(items).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant");
                    assertThat(items.get(1).path("content").asText()).isEqualTo(story);
                });
            }
        } finally {
            sockets.forEach(WsClient::close);
        }
    }
}
