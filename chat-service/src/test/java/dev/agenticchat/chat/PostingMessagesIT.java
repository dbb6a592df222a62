package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
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

    @SuppressWarnings("unchecked")
    private static Object messageId(Map<String, Object> answer) {
        return ((Map<String, Object>) answer.get("message")).get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> error.get("field")).toList();
    }
}
