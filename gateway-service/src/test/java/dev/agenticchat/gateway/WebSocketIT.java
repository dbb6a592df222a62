package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.CancelTurn;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ArtifactDeleted;
import dev.agenticchat.contracts.events.DocumentIngestionFailed;
import dev.agenticchat.contracts.events.DocumentIndexed;
import dev.agenticchat.contracts.events.DocumentIngestionProgress;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.gateway.auth.ShortLivedTokens;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.ChatServiceStandIn;
import dev.agenticchat.gateway.fixtures.Events;
import dev.agenticchat.gateway.fixtures.TestSocket;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client protocol over a real socket, fan-out from a real Kafka topic. chat-service is a
 * stand-in (real HTTP, see ChatServiceStandIn); the real one is covered by the end-to-end suite.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketIT implements TestPropertyProvider {
    private final ChatServiceStandIn chat = ChatServiceStandIn.start();
    /** A private topic, so these events never reach other services' consumers of agent.events.v1. */
    private final String eventsTopic = TestKafka.createTopic("gateway-it.events", 3);

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    ApplicationContext context;

    private Events events;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gateway.services.chat", chat.url(),
                "gateway.fanout.topics", eventsTopic,
                "gateway.stream.topic", eventsTopic,
                "gateway.ws.auth-timeout", "1s",
                "gateway.ws.flood-seconds", "2");
    }

    /** The fan-out consumer reads from the latest offset: wait until it has its partitions before sending events. */
    @BeforeAll
    void awaitFanOut() {
        events = new Events(json, eventsTopic);
        User user = newUser();
        String threadId = chat.createThread(user.id());
        try (TestSocket socket = socket(user)) {
            socket.send(Map.of("type", "subscribe", "thread_id", threadId));
            socket.awaitType("subscribed");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                events.send(new TextDelta("warm-up", threadId, 0, "."), user.tenantId(), user.id(), threadId);
                return !socket.framesOfType("text_delta").isEmpty();
            });
        }
    }

    @AfterAll
    void stopChat() {
        chat.close();
    }

    @Test
    void answers_auth_with_the_user_and_tenant_of_the_token() {
        User user = newUser();
        try (TestSocket socket = TestSocket.open(ws(), null, json)) {
            socket.send(Map.of("type", "auth", "token", user.token()));

            Map<String, Object> ok = socket.awaitType("auth_ok");
            assertThat(ok).containsEntry("user_id", user.id()).containsEntry("tenant_id", user.tenantId())
                    .containsEntry("thread_id", null);
            assertThat(UUID.fromString((String) ok.get("event_id"))).isNotNull();
        }
    }

    @Test
    void refuses_every_frame_before_auth_then_accepts_a_valid_token() {
        try (TestSocket socket = TestSocket.open(ws(), null, json)) {
            socket.send(Map.of("type", "ping"));
            assertThat(socket.awaitType("error")).containsEntry("code", "unauthenticated").containsEntry("thread_id", null);

            socket.send(Map.of("type", "auth", "token", "not.a.token"));
            socket.awaitNth("error", 2);
            assertThat(socket.framesOfType("error").get(1)).containsEntry("code", "unauthenticated");

            socket.send(Map.of("type", "auth", "token", newUser().token()));
            socket.awaitType("auth_ok");
            socket.roundTrip();
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void closes_a_socket_that_does_not_authenticate_in_time() {
        try (TestSocket socket = TestSocket.open(ws(), null, json)) {
            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void answers_bad_frames_with_errors_and_stays_usable() {
        try (TestSocket socket = socket(newUser())) {
            socket.sendRaw("{not json");
            socket.awaitNth("error", 1);
            socket.send(Map.of("type", "dance"));
            socket.awaitNth("error", 2);
            socket.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            socket.awaitNth("error", 3);
            socket.send(Map.of("type", "subscribe"));
            socket.awaitNth("error", 4);
            socket.send(Map.of("type", "subscribe", "thread_id", "../../admin"));
            socket.awaitNth("error", 5);
            socket.sendRaw("[1, 2]");
            socket.awaitNth("error", 6);

            assertThat(socket.framesOfType("error")).extracting(frame -> frame.get("code")).containsExactly(
                    "bad_json", "unknown_type", "frame_too_large", "invalid_frame", "invalid_frame", "invalid_frame");
            assertThat(socket.framesOfType("error").get(3)).containsEntry("field", "thread_id");
            socket.roundTrip();
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void refuses_an_upgrade_from_an_origin_not_allowed() {
        // A local origin: Micronaut's own drive-by-localhost guard already refuses remote ones on a local server.
        assertThatThrownBy(() -> TestSocket.connect(ws(), "http://localhost:3000", json).get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));

        try (TestSocket allowed = TestSocket.open(ws(), "http://localhost:8080", json)) {
            allowed.send(Map.of("type", "auth", "token", newUser().token()));
            allowed.awaitType("auth_ok");
        }
    }

    @Test
    void closes_a_flooding_client_with_a_policy_violation() {
        try (TestSocket socket = socket(newUser())) {
            // A ping racing the server's close can find the socket's output already closed.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(CompletionException.class)
                    .until(() -> pingTenTimesUnlessClosed(socket));
            // The close frame says 1008 unless TCP reset the flooding client's connection first.
            socket.awaitCloseOrReset().ifPresent(code -> assertThat(code).isEqualTo(1008));
        }
    }

    @Test
    void pushes_a_turn_to_the_subscribed_session_in_order() {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        try (TestSocket socket = socket(user)) {
            subscribe(socket, threadId);
            String turnId = UUID.randomUUID().toString();
            String messageId = UUID.randomUUID().toString();
            String answerId = UUID.randomUUID().toString();

            String started = events.send(new TurnStarted(turnId, threadId, messageId, "sim-1"), user.tenantId(), user.id(), threadId);
            String delta = events.send(new TextDelta(turnId, threadId, 1, "Hel"), user.tenantId(), user.id(), threadId);
            String completed = events.send(completed(turnId, threadId, messageId, answerId, "Hello"), user.tenantId(), user.id(), threadId);

            socket.awaitType("turn_completed");
            List<Map<String, Object>> turn = socket.frames().stream()
                    .filter(frame -> threadId.equals(frame.get("thread_id")) && !"subscribed".equals(frame.get("type"))).toList();
            assertThat(turn).extracting(frame -> frame.get("type"))
                    .containsExactly("turn_started", "text_delta", "assistant_message", "turn_completed");
            assertThat(turn).extracting(frame -> frame.get("event_id"))
                    .containsExactly(started, delta, completed, completed + ":completed");
            assertThat(turn.get(0)).containsEntry("turn_id", turnId).containsEntry("message_id", messageId);
            assertThat(turn.get(1)).containsEntry("delta", "Hel");
            // Numbered by their place in the thread's log: increasing, the answer's two frames one apart.
            assertThat(turn).extracting(frame -> ((Number) frame.get("seq")).longValue()).isSorted().doesNotHaveDuplicates();
            assertThat(((Number) turn.get(3).get("seq")).longValue()).isEqualTo(((Number) turn.get(2).get("seq")).longValue() + 1);
            assertThat(turn.get(2)).containsEntry("message_id", answerId).containsEntry("content", "Hello")
                    .containsEntry("artifact_ids", List.of()).containsEntry("citations", List.of());
            assertThat(turn.get(3)).containsEntry("turn_id", turnId);
            assertThat((Map<String, Object>) turn.get(3).get("usage")).containsEntry("total_tokens", 12);
            assertThat((Map<String, Object>) turn.get(3).get("cost")).containsEntry("currency", "USD");
        }
    }

    @Test
    void shows_a_turns_artifact_with_its_tool_call_and_not_again_when_artifact_service_announces_it() {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        try (TestSocket socket = socket(user)) {
            subscribe(socket, threadId);
            ArtifactSnapshot chart = new ArtifactSnapshot(UUID.randomUUID().toString(), "chart", "Quarterly sales",
                    ArtifactSnapshot.FINAL, 1, threadId, "turn", Map.of("title", "Quarterly sales"), Instant.now());

            // artifact-service's announcement may well come first: it is not what the client sees.
            events.send(new ArtifactCreated(chart), user.tenantId(), user.id(), threadId);
            String tool = events.send(new ToolCallCompleted("turn", threadId, "call-1", "create_chart_artifact",
                    ToolCallCompleted.COMPLETED, "{}", chart), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta("turn", threadId, 1, "done"), user.tenantId(), user.id(), threadId);

            socket.awaitType("text_delta");
            List<Map<String, Object>> frames = socket.frames().stream()
                    .filter(frame -> threadId.equals(frame.get("thread_id")) && !"subscribed".equals(frame.get("type"))).toList();
            assertThat(frames).extracting(frame -> frame.get("type"))
                    .containsExactly("tool_execution", "artifact_created", "text_delta");
            assertThat(frames.get(1)).containsEntry("event_id", tool + ":artifact");
            assertThat((Map<String, Object>) frames.get(1).get("artifact")).containsEntry("id", chart.id());
        }
    }

    @Test
    void shows_an_artifact_made_outside_a_turn_when_artifact_service_announces_it() {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        try (TestSocket socket = socket(user)) {
            subscribe(socket, threadId);
            ArtifactSnapshot note = new ArtifactSnapshot(UUID.randomUUID().toString(), "markdown", "Notes",
                    ArtifactSnapshot.FINAL, 1, threadId, null, Map.of("title", "Notes", "markdown", "# Notes"), Instant.now());

            String announced = events.send(new ArtifactCreated(note), user.tenantId(), user.id(), threadId);

            Map<String, Object> frame = socket.awaitType("artifact_created");
            assertThat(frame).containsEntry("event_id", announced);
            assertThat((Map<String, Object>) frame.get("artifact")).containsEntry("id", note.id());
        }
    }

    @Test
    void never_lets_another_user_watch_a_thread() {
        User owner = newUser();
        User intruder = newUser();
        String threadId = chat.createThread(owner.id());
        try (TestSocket ownerSocket = socket(owner); TestSocket intruderSocket = socket(intruder)) {
            subscribe(ownerSocket, threadId);
            intruderSocket.send(Map.of("type", "subscribe", "thread_id", threadId));
            assertThat(intruderSocket.awaitType("error")).containsEntry("code", "thread_not_found").containsEntry("thread_id", threadId);

            events.send(new TextDelta("t1", threadId, 1, "private"), owner.tenantId(), owner.id(), threadId);

            ownerSocket.awaitType("text_delta");
            intruderSocket.roundTrip();
            assertThat(intruderSocket.frames()).noneMatch(frame -> threadId.equals(frame.get("thread_id"))
                    && !"error".equals(frame.get("type")));
        }
    }

    @Test
    void a_person_just_linked_sees_the_turn_still_running_for_their_old_session_and_no_one_elses() {
        User session = newUser();
        User stranger = newUser();
        String person = UUID.randomUUID().toString();
        String threadId = chat.createThread(session.id());
        chat.alsoOwnedBy(threadId, person);
        String personToken = ShortLivedTokens.linkedPerson(context, person, session.tenantId(),
                List.of(UUID.fromString(session.id()))).value();
        try (TestSocket socket = TestSocket.authenticated(ws(), personToken, json)) {
            subscribe(socket, threadId);

            events.send(new TextDelta("t1", threadId, 1, "someone else's"), session.tenantId(), stranger.id(), threadId);
            events.send(new TextDelta("t1", threadId, 2, "still streaming"), session.tenantId(), session.id(), threadId);

            socket.awaitType("text_delta");
            socket.roundTrip();
            assertThat(socket.framesOfType("text_delta")).extracting(frame -> frame.get("delta")).containsExactly("still streaming");
        }
    }

    @Test
    void delivers_nothing_whose_user_is_not_the_sessions_user() {
        User owner = newUser();
        User other = newUser();
        String threadId = chat.createThread(owner.id());
        try (TestSocket socket = socket(owner)) {
            subscribe(socket, threadId);

            events.send(new TextDelta("t1", threadId, 1, "forged"), owner.tenantId(), other.id(), threadId);
            events.send(new TextDelta("t1", threadId, 2, "forged tenant"), UUID.randomUUID().toString(), owner.id(), threadId);
            events.send(new TextDelta("t1", threadId, 3, "genuine"), owner.tenantId(), owner.id(), threadId);

            socket.awaitType("text_delta");
            assertThat(socket.framesOfType("text_delta")).extracting(frame -> frame.get("delta")).containsExactly("genuine");
        }
    }

    @Test
    void never_pushes_an_event_to_another_users_session_registered_on_the_thread() {
        User owner = newUser();
        User other = newUser();
        String threadId = chat.createThread(owner.id());
        chat.alsoOwnedBy(threadId, other.id());
        try (TestSocket ownerSocket = socket(owner); TestSocket otherSocket = socket(other)) {
            subscribe(ownerSocket, threadId);
            subscribe(otherSocket, threadId);

            events.send(new TextDelta("t1", threadId, 1, "for the owner"), owner.tenantId(), owner.id(), threadId);
            events.send(new TextDelta("t2", threadId, 1, "for the other user"), other.tenantId(), other.id(), threadId);

            // One partition, in order: once the second event is in, the first was fanned out too.
            otherSocket.awaitType("text_delta");
            ownerSocket.awaitType("text_delta");
            assertThat(otherSocket.framesOfType("text_delta")).extracting(frame -> frame.get("delta"))
                    .containsExactly("for the other user");
            assertThat(ownerSocket.framesOfType("text_delta")).extracting(frame -> frame.get("delta"))
                    .containsExactly("for the owner");
        }
    }

    @Test
    void stops_pushing_events_to_a_session_whose_token_expired_until_it_authenticates_again() {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        ShortLivedTokens.Token shortLived = ShortLivedTokens.issue(context, user.id(), user.tenantId(), Duration.ofSeconds(3));
        try (TestSocket expiring = TestSocket.authenticated(ws(), shortLived.value(), json); TestSocket watcher = socket(user)) {
            subscribe(expiring, threadId);
            subscribe(watcher, threadId);
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(shortLived.expiresAt()));

            events.send(new TextDelta("t1", threadId, 1, "after expiry"), user.tenantId(), user.id(), threadId);
            events.send(new TextDelta("t1", threadId, 2, "still expired"), user.tenantId(), user.id(), threadId);
            // The watcher, whose token is valid, has both once the fan-out has been through them.
            watcher.awaitNth("text_delta", 2);
            assertThat(expiring.awaitType("error")).containsEntry("code", "unauthenticated")
                    .containsEntry("message", "token expired; send auth with a fresh token");

            expiring.send(Map.of("type", "auth", "token", user.token()));
            expiring.awaitNth("auth_ok", 2);
            events.send(new TextDelta("t1", threadId, 3, "after a fresh auth"), user.tenantId(), user.id(), threadId);

            expiring.awaitType("text_delta");
            assertThat(expiring.framesOfType("text_delta")).extracting(frame -> frame.get("delta"))
                    .containsExactly("after a fresh auth");
            assertThat(expiring.framesOfType("error")).hasSize(1);
        }
    }

    @Test
    void acknowledges_a_message_and_shows_it_in_the_users_other_sessions() {
        User user = newUser();
        try (TestSocket sender = socket(user); TestSocket otherTab = socket(user)) {
            String clientMessageId = UUID.randomUUID().toString();
            sender.send(Map.of("type", "user_message", "content", "Hello there", "client_message_id", clientMessageId));

            Map<String, Object> ack = sender.awaitType("user_message");
            String threadId = (String) ack.get("thread_id");
            assertThat(threadId).isNotBlank();
            assertThat(ack).containsEntry("client_message_id", clientMessageId).containsEntry("content", "Hello there")
                    .containsEntry("duplicate", false);
            assertThat((String) ack.get("message_id")).isNotBlank();
            assertThat((String) ack.get("created_at")).isNotBlank();

            subscribe(otherTab, threadId);
            String eventId = events.send(new MessagePosted((String) ack.get("message_id"), threadId, user.tenantId(), user.id(),
                    "Hello there", clientMessageId, Instant.now()), user.tenantId(), user.id(), threadId);
            // The sender is subscribed to its new thread: its turn events arrive without a subscribe frame.
            events.send(new TextDelta("t1", threadId, 1, "Hi"), user.tenantId(), user.id(), threadId);

            assertThat(otherTab.awaitType("user_message")).containsEntry("event_id", eventId)
                    .containsEntry("message_id", ack.get("message_id")).containsEntry("content", "Hello there");
            sender.awaitType("text_delta");
            assertThat(sender.framesOfType("user_message")).hasSize(1);

            sender.send(Map.of("type", "user_message", "thread_id", threadId, "content", "Hello there",
                    "client_message_id", clientMessageId));
            assertThat(sender.awaitNth("user_message", 2)).containsEntry("message_id", ack.get("message_id"))
                    .containsEntry("duplicate", true);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void forwards_a_messages_attachment_ids_and_shows_its_attachments_in_the_ack_and_the_other_sessions() {
        User user = newUser();
        try (TestSocket sender = socket(user); TestSocket otherTab = socket(user)) {
            String clientMessageId = UUID.randomUUID().toString();
            sender.send(Map.of("type", "user_message", "content", "Look at these", "client_message_id", clientMessageId,
                    "attachment_ids", List.of("f-1", "f-2")));

            Map<String, Object> ack = sender.awaitType("user_message");
            assertThat((List<Map<String, Object>>) ack.get("attachments")).extracting(a -> a.get("id"), a -> a.get("kind"))
                    .containsExactly(tuple("f-1", "image"), tuple("f-2", "image"));
            ChatServiceStandIn.Recorded forwarded = chat.requests().stream()
                    .filter(r -> r.path().equals("/api/messages") && r.body().contains(clientMessageId)).findFirst().orElseThrow();
            assertThat(forwarded.body()).contains("\"attachment_ids\":[\"f-1\",\"f-2\"]");

            String threadId = (String) ack.get("thread_id");
            subscribe(otherTab, threadId);
            MessagePosted.Attachment file = new MessagePosted.Attachment("f-1", "report.pdf", "application/pdf", "document", 1234);
            events.send(new MessagePosted((String) ack.get("message_id"), threadId, user.tenantId(), user.id(),
                    "Look at these", clientMessageId, Instant.now(), null, null, List.of(file)), user.tenantId(), user.id(), threadId);
            assertThat(otherTab.awaitType("user_message").get("attachments")).isEqualTo(List.of(Map.of("id", "f-1",
                    "name", "report.pdf", "content_type", "application/pdf", "kind", "document", "size_bytes", 1234)));

            sender.send(Map.of("type", "user_message", "content", "Too many", "client_message_id", UUID.randomUUID().toString(),
                    "attachment_ids", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")));
            assertThat(sender.awaitType("error")).containsEntry("code", "invalid_frame").containsEntry("field", "attachment_ids");
        }
    }

    @Test
    void pushes_upload_progress_and_thread_less_artifact_changes_to_every_session_of_that_user_only() {
        User user = newUser();
        User stranger = newUser();
        String documentId = UUID.randomUUID().toString();
        try (TestSocket laptop = socket(user); TestSocket phone = socket(user); TestSocket other = socket(stranger)) {
            events.sendAboutUser(new DocumentIngestionProgress(documentId, "kb-1", 3, 10), user.tenantId(), user.id(), documentId);
            events.sendAboutUser(new DocumentIndexed(documentId, "kb-1", 10), user.tenantId(), user.id(), documentId);
            events.sendAboutUser(new ArtifactDeleted("a-" + documentId, null, Instant.now()), user.tenantId(), user.id(), documentId);
            // Same key, so the stranger's own event comes after the user's: when it arrives, theirs were handled.
            events.sendAboutUser(new DocumentIngestionFailed("d-" + documentId, "kb-2", "not a PDF"), stranger.tenantId(),
                    stranger.id(), documentId);

            assertThat(laptop.awaitType("document_progress")).containsEntry("document_id", documentId)
                    .containsEntry("knowledge_base_id", "kb-1").containsEntry("status", "progress")
                    .containsEntry("chunks_embedded", 3).containsEntry("chunks_total", 10);
            assertThat(laptop.awaitNth("document_progress", 2)).containsEntry("status", "indexed");
            assertThat(phone.awaitNth("document_progress", 2)).containsEntry("status", "indexed");
            assertThat(laptop.awaitType("artifact_deleted")).containsEntry("artifact_id", "a-" + documentId);
            assertThat(other.awaitType("document_progress")).containsEntry("status", "failed").containsEntry("reason", "not a PDF");
            assertThat(other.framesOfType("document_progress")).hasSize(1);
            assertThat(other.framesOfType("artifact_deleted")).isEmpty();
            assertThat(laptop.framesOfType("document_progress")).extracting(f -> f.get("status")).containsExactly("progress", "indexed");
        }
    }

    @Test
    void passes_on_why_chat_service_refused_a_message() {
        try (TestSocket socket = socket(newUser())) {
            socket.send(Map.of("type", "user_message", "content", "   ", "client_message_id", "m-1"));

            assertThat(socket.awaitType("error")).containsEntry("code", "invalid_message").containsEntry("field", "content")
                    .containsEntry("client_message_id", "m-1").containsEntry("message", "content: must not be blank");
        }
    }

    @Test
    void publishes_the_cancellation_of_a_turn_on_a_thread_of_the_user() throws Exception {
        User user = newUser();
        String threadId = chat.createThread(user.id());
        String strangersThread = chat.createThread(newUser().id());
        try (TestKafka.Reader commands = new TestKafka.Reader(Topics.AGENT_COMMANDS); TestSocket socket = socket(user)) {
            socket.send(Map.of("type", "cancel_turn", "thread_id", strangersThread));
            assertThat(socket.awaitType("error")).containsEntry("code", "thread_not_found");

            socket.send(Map.of("type", "cancel_turn", "thread_id", threadId, "turn_id", "turn-7"));

            ConsumerRecord<String, byte[]> cancel = await().atMost(Duration.ofSeconds(15))
                    .until(() -> commands.forThread(threadId), found -> !found.isEmpty()).get(0);
            assertThat(TestKafka.header(cancel, CloudEventHeaders.TYPE)).isEqualTo(CancelTurn.TYPE);
            assertThat(TestKafka.header(cancel, CloudEventHeaders.USER_ID)).isEqualTo(user.id());
            assertThat(TestKafka.header(cancel, CloudEventHeaders.TENANT_ID)).isEqualTo(user.tenantId());
            assertThat(cancel.key()).isEqualTo(threadId);
            assertThat(json.readValue(cancel.value(), CancelTurn.class)).isEqualTo(new CancelTurn(threadId, "turn-7"));
            assertThat(commands.forThread(strangersThread)).isEmpty();
        }
    }

    private static boolean pingTenTimesUnlessClosed(TestSocket socket) {
        for (int i = 0; i < 10 && !socket.isClosed(); i++) {
            socket.send(Map.of("type", "ping"));
        }
        return socket.isClosed();
    }

    private void subscribe(TestSocket socket, String threadId) {
        socket.send(Map.of("type", "subscribe", "thread_id", threadId));
        socket.awaitFrame(frame -> "subscribed".equals(frame.get("type")) && threadId.equals(frame.get("thread_id")));
    }

    private static TurnCompleted completed(String turnId, String threadId, String messageId, String answerId, String content) {
        return new TurnCompleted(turnId, threadId, messageId, answerId, content, new TurnCompleted.Usage(8, 4, 12, 1),
                new TurnCompleted.Cost(new BigDecimal("0.0001"), "USD"), List.of(), List.of(), Instant.now());
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
    }

    private User newUser() {
        Map<String, Object> session = AnonymousUsers.create(http);
        return new User((String) session.get("user_id"), (String) session.get("tenant_id"), (String) session.get("access_token"));
    }

    private record User(String id, String tenantId, String token) {
    }

    private TestSocket socket(User user) {
        return TestSocket.authenticated(ws(), user.token(), json);
    }
}
