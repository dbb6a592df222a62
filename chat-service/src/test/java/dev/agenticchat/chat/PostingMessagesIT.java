package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostingMessagesIT implements TestPropertyProvider {
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void stores_a_message_in_a_new_thread_and_announces_it_once_as_a_cloudevent() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, user));
        String content = "Chart our quarterly sales for 2025 from the annual report I uploaded, please.";
        String clientMessageId = UUID.randomUUID().toString();

        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            HttpResponse<Map<String, Object>> response = alice.exchange(ChatApi.postRequest(null, content, clientMessageId));

            assertThat(response.getStatus().getCode()).isEqualTo(201);
            Map<String, Object> message = (Map<String, Object>) response.body().get("message");
            Map<String, Object> thread = (Map<String, Object>) response.body().get("thread");
            String threadId = (String) thread.get("id");
            assertThat(response.body()).containsEntry("duplicate", false);
            assertThat(thread).containsEntry("title", "Chart our quarterly sales for 2025 from the annual report I");
            assertThat(message).containsEntry("thread_id", threadId).containsEntry("role", "user")
                    .containsEntry("content", content).containsEntry("client_message_id", clientMessageId);
            assertThat(alice.history(threadId)).containsExactly(message);
            // The new thread is answered as stored, active since this message.
            assertThat(thread).isEqualTo(alice.thread(threadId));
            assertThat(Instant.parse((String) thread.get("updated_at")))
                    .isEqualTo(Instant.parse((String) message.get("created_at")));

            await().atMost(KAFKA_WAIT).until(() -> !reader.forThread(threadId).isEmpty());
            ConsumerRecord<String, byte[]> record = reader.forThread(threadId).get(0);
            assertThat(record.key()).isEqualTo(threadId);
            assertThat(TestKafka.header(record, CloudEventHeaders.ID)).isNotBlank();
            assertThat(TestKafka.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/agentic-chat/chat-service");
            assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo(MessagePosted.TYPE);
            assertThat(TestKafka.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(Instant.parse(TestKafka.header(record, CloudEventHeaders.TIME))).isBefore(Instant.now());
            assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(threadId);
            assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(tenant);
            assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo(user);
            assertThat(TestKafka.header(record, CloudEventHeaders.THREAD_ID)).isEqualTo(threadId);
            assertThat(TestKafka.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(json.readValue(record.value(), MessagePosted.class)).isEqualTo(new MessagePosted(
                    (String) message.get("id"), threadId, tenant, user, content, clientMessageId,
                    Instant.parse((String) message.get("created_at"))));
            assertThat(reader.forThread(threadId)).hasSize(1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void answers_a_resend_with_the_stored_message_and_publishes_nothing_more() throws Exception {
        ChatApi alice = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));
        String clientMessageId = UUID.randomUUID().toString();

        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            Map<String, Object> first = alice.exchange(ChatApi.postRequest(null, "Hello there", clientMessageId)).body();
            Map<String, Object> thread = (Map<String, Object>) first.get("thread");
            Map<String, Object> message = (Map<String, Object>) first.get("message");

            HttpResponse<Map<String, Object>> resent = alice.exchange(ChatApi.postRequest(null, "Hello there", clientMessageId));
            HttpResponse<Map<String, Object>> resentInThread = alice.exchange(ChatApi.postRequest(thread.get("id"), "Hello there", clientMessageId));

            for (HttpResponse<Map<String, Object>> answer : List.of(resent, resentInThread)) {
                assertThat(answer.getStatus().getCode()).isEqualTo(200);
                assertThat(answer.body()).containsEntry("duplicate", true).containsEntry("message", message);
                assertThat((Map<String, Object>) answer.body().get("thread")).containsEntry("id", thread.get("id"));
            }
            // A later message of the thread is published after anything the resends might have published.
            Object later = alice.postedMessage(thread.get("id"), "And another thing").get("id");
            await().atMost(KAFKA_WAIT).until(() -> reader.forThread((String) thread.get("id")).size() >= 2);
            assertThat(reader.forThread((String) thread.get("id")))
                    .extracting(record -> json.readValue(record.value(), MessagePosted.class).messageId())
                    .containsExactly((String) message.get("id"), (String) later);
            assertThat(alice.history(thread.get("id"))).extracting(m -> m.get("id")).containsExactly(message.get("id"), later);
            assertThat(alice.allThreads()).hasSize(1);
        }
    }

    @Test
    void concurrent_sends_of_one_message_store_it_and_its_new_thread_once() {
        ChatApi alice = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));
        String clientMessageId = UUID.randomUUID().toString();
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<HttpResponse<Map<String, Object>>> answers = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> alice.exchange(ChatApi.postRequest(null, "Only once, please", clientMessageId)), senders))
                    .toList().stream().map(CompletableFuture::join).toList();

            assertThat(answers).extracting(answer -> answer.getStatus().getCode()).containsOnlyOnce(201).containsOnly(201, 200);
            assertThat(answers).extracting(answer -> messageId(answer.body())).containsOnly(messageId(answers.get(0).body()));
            assertThat(alice.allThreads()).hasSize(1);
        } finally {
            senders.shutdown();
        }
    }

    @Test
    void rejects_a_blank_or_too_long_content_naming_the_field() {
        ChatApi alice = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));

        for (String content : List.of(" \n ", "x".repeat(32_001))) {
            Map<String, Object> problem = alice.problem(ChatApi.postRequest(null, content, UUID.randomUUID().toString()));
            assertThat(problem).containsEntry("status", 400);
            assertThat(fields(problem)).containsExactly("content");
        }
        Map<String, Object> noClientId = alice.problem(ChatApi.postRequest(null, "hello", ""));
        assertThat(fields(noClientId)).containsExactly("client_message_id");
        assertThat(alice.allThreads()).isEmpty();
    }

    @Test
    void rejects_a_content_holding_a_nul_character_naming_the_field() {
        ChatApi alice = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));

        Map<String, Object> problem = alice.problem(ChatApi.postRequest(null, "bad \u0000 char", UUID.randomUUID().toString()));

        assertThat(problem).containsEntry("status", 400);
        assertThat(fields(problem)).containsExactly("content");
        assertThat(alice.allThreads()).isEmpty();
    }

    /**
     * A message's seq is drawn when it is inserted. Were it drawn before the thread is locked,
     * a message could commit after one with a higher seq that a history cursor already passed.
     */
    @Test
    void inserts_a_message_only_once_no_other_transaction_holds_its_thread() throws Exception {
        ChatApi alice = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));
        Object threadId = alice.postedMessage(null, "first").get("thread_id");
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (Connection holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            holder.setAutoCommit(false);
            int holderPid = lockThread(holder, threadId);

            Future<HttpResponse<Map<String, Object>>> second = sender.submit(() -> alice.post(threadId, "second"));
            int waiting = await().atMost(Duration.ofSeconds(15))
                    .until(() -> backendsWaitingFor(holderPid), pids -> !pids.isEmpty()).get(0);

            assertThat(locks(waiting)).doesNotContain("RowExclusiveLock on messages");
            holder.commit();
            assertThat(second.get(15, TimeUnit.SECONDS).getStatus().getCode()).isEqualTo(201);
        } finally {
            sender.shutdown();
        }
        assertThat(alice.history(threadId)).extracting(message -> message.get("content")).containsExactly("first", "second");
    }

    @Test
    void accepts_a_message_of_exactly_32000_characters() {
        ChatApi alice = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));
        assertThat(alice.post(null, "y".repeat(32_000)).getStatus().getCode()).isEqualTo(201);
    }

    @Test
    void refuses_a_message_for_a_thread_that_does_not_exist() {
        ChatApi alice = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));
        Map<String, Object> problem = alice.problem(ChatApi.postRequest(UUID.randomUUID(), "hello?", UUID.randomUUID().toString()));
        assertThat(problem).containsEntry("status", 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_message_posted_to_a_threads_path_is_stored_there_once_and_nobody_else_posts_to_it() {
        String tenant = "tenant-" + UUID.randomUUID();
        ChatApi alice = new ChatApi(http, jwks.token(tenant, "user-" + UUID.randomUUID()));
        Object threadId = alice.createThread("Over HTTP").get("id");
        String clientMessageId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("content", "posted to the path", "client_message_id", clientMessageId);
        String path = "/api/threads/" + threadId + "/messages";

        HttpResponse<Map<String, Object>> first = alice.exchange(HttpRequest.POST(path, body));
        HttpResponse<Map<String, Object>> resent = alice.exchange(HttpRequest.POST(path, body));

        assertThat(first.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> message = (Map<String, Object>) first.body().get("message");
        assertThat(message).containsEntry("thread_id", threadId).containsEntry("content", "posted to the path")
                .containsEntry("attachments", List.of());
        assertThat(resent.getStatus().getCode()).isEqualTo(200);
        assertThat(resent.body()).containsEntry("duplicate", true);
        assertThat(alice.history(threadId)).containsExactly(message);

        ChatApi colleague = new ChatApi(http, jwks.token(tenant, "user-" + UUID.randomUUID()));
        ChatApi stranger = new ChatApi(http, jwks.token("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID()));
        Map<String, Object> intrusion = Map.of("content", "mine now", "client_message_id", UUID.randomUUID().toString());
        assertThat(colleague.status(HttpRequest.POST(path, intrusion))).isEqualTo(404);
        assertThat(stranger.status(HttpRequest.POST(path, intrusion))).isEqualTo(404);
        assertThat(alice.problem(HttpRequest.POST(path, Map.of("content", " ", "client_message_id", "x"))))
                .containsEntry("status", 400);
        assertThat(alice.history(threadId)).hasSize(1);
    }

    /** Locks the thread's row as the service's own role, in the connection's open transaction; the backend's pid. */
    private static int lockThread(Connection holder, Object threadId) throws SQLException {
        try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM chat.threads WHERE id = ?::uuid FOR UPDATE")) {
            lock.setString(1, threadId.toString());
            lock.executeQuery().close();
        }
        try (Statement statement = holder.createStatement(); ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }

    private static List<Integer> backendsWaitingFor(int pid) throws SQLException {
        return adminQuery("SELECT pid FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", pid,
                rs -> rs.getInt(1));
    }

    /** The table locks a backend holds in the chat schema, as "MODE on TABLE". */
    private static List<String> locks(int pid) throws SQLException {
        return adminQuery("""
                SELECT l.mode || ' on ' || c.relname FROM pg_locks l
                JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE l.pid = ? AND l.granted AND n.nspname = 'chat'""", pid, rs -> rs.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> adminQuery(String sql, int pid, Column<T> column) throws SQLException {
        try (Connection admin = TestDatabase.admin(); PreparedStatement query = admin.prepareStatement(sql)) {
            query.setInt(1, pid);
            List<T> values = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add(column.read(rs));
                }
            }
            return values;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object messageId(Map<String, Object> answer) {
        return ((Map<String, Object>) answer.get("message")).get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> error.get("field")).toList();
    }
}
