package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stream that survives the gateway: the instance a client is connected to dies mid-turn, the
 * client reconnects to another instance with the last {@code seq} it has, and ends up with the whole
 * answer once, nothing lost or doubled.
 */
class StreamResumeE2EIT {
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
    void a_client_whose_gateway_dies_mid_turn_resumes_on_another_instance_with_the_whole_answer_once() {
        String doomed = suite.startReplica("gateway-service");
        // A slow model: the gateway dies while the answer is still streaming.
        suite.simulator().configure(new SimulatorConfig(20, 150, 0, 500));
        String story = IntStream.rangeClosed(1, 40).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        Api.Session session = api.anonymousSession();

        List<JsonNode> turnFrames = new ArrayList<>();
        String threadId;
        try (WsClient first = WsClient.authenticated(suite, doomed, session.accessToken())) {
            first.send(Map.of("type", "user_message", "content", "[[text:" + story + "]] tell me a story",
                    "client_message_id", UUID.randomUUID().toString()));
            threadId = first.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            first.awaitType("text_delta", Duration.ofSeconds(30));
            first.awaitType("text_delta", Duration.ofSeconds(30));

            suite.crash(doomed);
            try {
                first.closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception dropped) {
                // a reset rather than a close frame: gone either way
            }
            first.received().stream().filter(frame -> frame.has("seq") && !frame.path("seq").isNull()).forEach(turnFrames::add);
        }
        assertThat(turnFrames).extracting(frame -> frame.path("type").asText()).contains("turn_started", "text_delta")
                .doesNotContain("assistant_message");
        long lastSeq = turnFrames.get(turnFrames.size() - 1).path("seq").asLong();

        try (WsClient resumed = WsClient.authenticated(suite, session.accessToken())) {
            resumed.send(Map.of("type", "subscribe", "thread_id", threadId, "after_seq", lastSeq));
            resumed.awaitType("subscribed", Duration.ofSeconds(10));
            JsonNode answer = resumed.awaitType("assistant_message", Duration.ofSeconds(90));
            resumed.awaitType("turn_completed", Duration.ofSeconds(10));
            resumed.received().stream().filter(frame -> frame.has("seq") && !frame.path("seq").isNull()).forEach(turnFrames::add);

            assertThat(answer.path("content").asText()).isEqualTo(story);
            assertThat(resumed.received()).noneMatch(frame -> "history_required".equals(frame.path("type").asText()));
        }
        // Across both connections: every frame once, in order, and the deltas spell the answer exactly.
        assertThat(turnFrames).extracting(frame -> frame.path("seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(turnFrames).extracting(frame -> frame.path("type").asText())
                .containsOnlyOnce("turn_started", "assistant_message", "turn_completed");
        String streamed = turnFrames.stream().filter(frame -> "text_delta".equals(frame.path("type").asText()))
                .map(frame -> frame.path("delta").asText()).collect(Collectors.joining());
        assertThat(streamed).isEqualTo(story);
    }

    @Test
    void every_sender_of_a_burst_of_first_messages_sees_its_whole_turn_live() throws Exception {
        int senders = 40;
        List<Api.Session> sessions = IntStream.range(0, senders).mapToObj(i -> api.anonymousSession()).toList();
        List<WsClient> sockets = sessions.stream().map(s -> WsClient.authenticated(suite, s.accessToken())).toList();
        try {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                WsClient socket = sockets.get(i);
                String words = "burst answer " + i;
                sent.add(pool.submit(() -> {
                    go.await();
                    socket.send(Map.of("type", "user_message", "content", "[[text:" + words + "]] hi",
                            "client_message_id", UUID.randomUUID().toString()));
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (int i = 0; i < senders; i++) {
                WsClient socket = sockets.get(i);
                JsonNode answer = socket.awaitType("assistant_message", Duration.ofSeconds(120));
                assertThat(answer.path("content").asText()).isEqualTo("burst answer " + i);
                socket.awaitType("turn_completed", Duration.ofSeconds(30));
                // The turn from its first frame: nothing of it was dropped before the ack.
                assertThat(socket.received()).extracting(frame -> frame.path("type").asText())
                        .containsSubsequence("user_message", "turn_started", "text_delta", "assistant_message", "turn_completed");
            }
        } finally {
            sockets.forEach(WsClient::close);
        }
    }
}
