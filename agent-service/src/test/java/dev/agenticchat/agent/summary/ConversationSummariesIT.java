package dev.agenticchat.agent.summary;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.agent.fixtures.GatewayStandIn;
import dev.agenticchat.agent.fixtures.GoldenSamples;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Conversation summaries with two agent workers sweeping the same schema at once (this test's
 * application context and a second one with the same settings): a quiet thread is summarised
 * exactly once, with the lead profile the user disclosed; a new message reopens it; each tenant's
 * inactivity timeout comes from a stand-in for the gateway. The default timeout is far away, so
 * only this test's tenants are ever due, whatever else shares the schema.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationSummariesIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "agent-summaries-it-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final GatewayStandIn gateway = GatewayStandIn.start(SERVICE_TOKEN);
    private final String messagesTopic = TestKafka.createTopic("agent-summaries-it.chat.messages", 6);
    private final String identityTopic = TestKafka.createTopic("agent-summaries-it.identity.events", 1);
    private final Map<String, String> properties = properties();
    private ApplicationContext secondWorker;
    private AgentEventLog events;

    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;
    @Inject
    SummarySweeper sweeper;
    @Inject
    SummaryService store;

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    private Map<String, String> properties() {
        Map<String, String> map = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        map.put("agent.llm.base-url", simulator.baseUrl());
        map.put("agentic.service-credentials.token", SERVICE_TOKEN);
        map.put("micronaut.http.services.gateway-service.url", gateway.url());
        map.put("agentic.identity.topic", identityTopic);
        map.put("agentic.identity.group", "agent-summaries-it-" + UUID.randomUUID());
        map.put("agent.summaries.enabled", "true");
        map.put("agent.summaries.inactivity-timeout", "3650d");
        map.put("agent.summaries.sweep-interval", "200ms");
        map.put("agent.summaries.retry-backoff", "300ms");
        map.put("agent.summaries.tenant-cache-ttl", "1s");
        return map;
    }

    @BeforeAll
    void startTheSecondWorkerAndReading() {
        secondWorker = ApplicationContext.run(new HashMap<>(properties), "test");
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        secondWorker.close();
        simulator.close();
        gateway.close();
    }

    @Test
    void two_workers_summarise_each_quiet_thread_exactly_once_with_the_lead_the_user_disclosed() throws Exception {
        assertThat(secondWorker.getBean(SummarySweeper.class)).as("the second worker sweeps too").isNotSameAs(sweeper);
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        gateway.tenant(chat.tenantId(), "PT2S");
        String leadThread = ChatMessages.newThread();
        List<String> threads = new ArrayList<>(List.of(leadThread));
        List<MessagePosted> posted = new ArrayList<>();
        posted.add(chat.post(leadThread, "[[text:Thanks Ada, we will be in touch.]] Hi, my name is Ada Lovelace. "
                + "I am interested in rooftop solar panels. Reach me at ada@example.com or +44 20 7946 0958."));
        for (int i = 0; i < 5; i++) {
            String thread = ChatMessages.newThread();
            threads.add(thread);
            posted.add(chat.post(thread, "[[text:Noted.]] question number " + i));
        }
        for (MessagePosted message : posted) {
            events.awaitCompleted(message.threadId(), message.messageId());
        }

        await().atMost(WAIT).until(() -> threads.stream().allMatch(t -> summaries(t).size() == 1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                threads.stream().allMatch(t -> summaries(t).size() == 1 && summaryRecords(t).size() == 1));

        ConversationSummarized summary = summaries(leadThread).get(0);
        assertThat(summary.threadId()).isEqualTo(leadThread);
        assertThat(summary.messageCount()).isEqualTo(2);
        assertThat(summary.summary()).contains("2 messages").contains("rooftop solar panels");
        assertThat(summary.lead()).isEqualTo(new ConversationSummarized.Lead("Ada Lovelace", "ada@example.com",
                "+44 20 7946 0958", null, List.of("rooftop solar panels"), List.of()));
        assertThat(Duration.between(summary.periodEnd(), summary.summarizedAt())).isGreaterThanOrEqualTo(QUIET);
        assertThat(summary.periodStart()).isBeforeOrEqualTo(summary.periodEnd());

        ConsumerRecord<String, byte[]> record = summaryRecords(leadThread).get(0);
        assertThat(record.key()).isEqualTo(leadThread);
        assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(chat.tenantId());
        assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo(chat.userId());
        assertThat(TestKafka.header(record, CloudEventHeaders.THREAD_ID)).isEqualTo(leadThread);
        Set<String> golden = GoldenSamples.paths(GoldenSamples.bytes(ConversationSummarized.TYPE));
        golden.remove("lead.address");
        assertThat(GoldenSamples.paths(record.value())).as("the golden sample's shape, less the address Ada never gave")
                .isEqualTo(golden);

        List<Map<String, Object>> rows = query("SELECT * FROM agent.conversation_summaries WHERE thread_id = ?", leadThread);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("summary", summary.summary()).containsEntry("message_count", 2)
                    .containsEntry("tenant_id", chat.tenantId()).containsEntry("user_id", chat.userId());
            assertThat(((Timestamp) row.get("period_end")).toInstant()).isEqualTo(summary.periodEnd());
        });
        assertThat(JSON.readTree(String.valueOf(rows.get(0).get("lead"))).path("email").asText()).isEqualTo("ada@example.com");
        assertThat(leadRequests()).as("the lead profile is asked for with its JSON schema").isNotEmpty()
                .allSatisfy(request -> assertThat(request.at("/response_format/json_schema/schema/required").toString())
                        .contains("email", "phone", "products_and_services"));
        assertThat(gateway.requestsFor(chat.tenantId())).isNotEmpty().allSatisfy(request -> {
            assertThat(request.token()).isEqualTo(SERVICE_TOKEN);
            assertThat(request.onBehalfOfTenant()).isEqualTo(chat.tenantId());
            assertThat(request.onBehalfOfUser()).isEqualTo(chat.userId());
        });
    }

    @Test
    void a_new_message_after_a_summary_reopens_the_thread_and_its_next_quiet_period_gets_a_second_summary() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        gateway.tenant(chat.tenantId(), "PT2S");
        String thread = ChatMessages.newThread();
        MessagePosted first = chat.post(thread, "[[text:Hello!]] hi, I am interested in heat pumps.");
        events.awaitCompleted(thread, first.messageId());
        await().atMost(WAIT).until(() -> summaries(thread).size() == 1);

        MessagePosted second = chat.post(thread, "[[text:Noted.]] I would prefer a call in the morning. Call +1 212 555 0147.");
        events.awaitCompleted(thread, second.messageId());
        await().atMost(WAIT).until(() -> summaries(thread).size() == 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> summaries(thread).size() == 2 && countSummaryRows(thread) == 2);

        ConversationSummarized earlier = summaries(thread).get(0);
        ConversationSummarized later = summaries(thread).get(1);
        assertThat(later.periodStart()).isAfter(earlier.periodEnd());
        assertThat(later.periodEnd()).isAfterOrEqualTo(later.periodStart());
        assertThat(later.messageCount()).isEqualTo(4);
        assertThat(later.lead().phone()).isEqualTo("+1 212 555 0147");
        assertThat(later.lead().productsAndServices()).containsExactly("heat pumps");
        assertThat(later.lead().preferences()).containsExactly("a call in the morning");
    }

    /** Noted with the turn's claim, so a thread whose answer never ends still counts as active from its message on. */
    @Test
    void a_message_is_its_threads_latest_activity_from_the_moment_its_turn_starts() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        simulator.configure(SimulatorConfig.withDelays(4_000, 0));
        try {
            MessagePosted message = chat.post(thread, "[[text:Slowly.]] take your time");
            await().atMost(WAIT).until(() -> !query("SELECT 1 FROM agent.thread_activity WHERE thread_id = ?", thread).isEmpty());
            Map<String, Object> row = query("SELECT a.period_start, a.last_message_at, t.status FROM agent.thread_activity a"
                    + " JOIN agent.turns t ON t.thread_id = a.thread_id WHERE a.thread_id = ?", thread).get(0);
            Instant sent = message.createdAt().truncatedTo(ChronoUnit.MICROS);
            assertThat(row.get("status")).as("noted before the answer ends").isEqualTo("running");
            assertThat(((Timestamp) row.get("last_message_at")).toInstant()).isEqualTo(sent);
            assertThat(((Timestamp) row.get("period_start")).toInstant()).isEqualTo(sent);
            events.awaitCompleted(thread, message.messageId());
        } finally {
            simulator.configure(SimulatorConfig.defaults());
        }
    }

    @Test
    void each_tenant_waits_for_its_own_inactivity_timeout_from_the_gateway() {
        ChatMessages patient = new ChatMessages(json, messagesTopic);
        ChatMessages withoutOwnTimeout = new ChatMessages(json, messagesTopic);
        ChatMessages unknownToGateway = new ChatMessages(json, messagesTopic);
        gateway.tenant(patient.tenantId(), "PT5S");
        gateway.tenant(withoutOwnTimeout.tenantId(), null);
        List<MessagePosted> posted = List.of(
                patient.post(ChatMessages.newThread(), "[[text:Hi.]] hello"),
                withoutOwnTimeout.post(ChatMessages.newThread(), "[[text:Hi.]] hello"),
                unknownToGateway.post(ChatMessages.newThread(), "[[text:Hi.]] hello"));
        for (MessagePosted message : posted) {
            events.awaitCompleted(message.threadId(), message.messageId());
        }

        String patientThread = posted.get(0).threadId();
        await().atMost(WAIT).until(() -> summaries(patientThread).size() == 1);

        ConversationSummarized summary = summaries(patientThread).get(0);
        assertThat(Duration.between(summary.periodEnd(), summary.summarizedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(summaries(posted.get(1).threadId())).as("no own timeout: the default (years) applies").isEmpty();
        assertThat(summaries(posted.get(2).threadId())).as("unknown to the gateway: the default applies").isEmpty();
        assertThat(gateway.requestsFor(unknownToGateway.tenantId())).isNotEmpty();
    }

    @Test
    void a_failing_model_delays_the_summary_without_losing_or_repeating_it() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Hi.]] my email is grace@example.com");
        events.awaitCompleted(thread, message.messageId());
        simulator.configure(new SimulatorConfig(0, 0, 3, 503));
        gateway.tenant(chat.tenantId(), "PT1S");

        await().atMost(WAIT).until(() -> summaries(thread).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> countSummaryRows(thread) == 1);

        assertThat(simulator.requests().stream().filter(r -> r.toString().contains("grace@example.com")
                && !r.has("tools")).count()).as("three failed calls, then the summary and the lead profile").isEqualTo(5);
        assertThat(summaries(thread).get(0).lead().email()).isEqualTo("grace@example.com");
        assertThat(query("SELECT status, count(*) AS n, min(error) AS error FROM agent.llm_requests"
                + " WHERE thread_id = ? AND purpose = 'summary' AND turn_id IS NULL GROUP BY status ORDER BY status", thread))
                .as("every summary call is in the request log, the failed ones with their error").satisfiesExactly(
                        error -> assertThat(error).containsEntry("status", "error").containsEntry("n", 3L)
                                .hasEntrySatisfying("error", text -> assertThat((String) text).contains("503")),
                        ok -> assertThat(ok).containsEntry("status", "ok").containsEntry("n", 2L));
        assertThat(query("SELECT attempts, claimed_by FROM agent.thread_activity WHERE thread_id = ?", thread))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("attempts", 0).containsEntry("claimed_by", null));
        simulator.configure(SimulatorConfig.defaults());
    }

    @Test
    void a_thread_claimed_by_a_worker_that_died_is_taken_over_once_its_claim_expires() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        gateway.tenant(chat.tenantId(), "PT1S");
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Hi.]] I am interested in a quote");
        events.awaitCompleted(thread, message.messageId());
        List<SummaryService.ClaimedThread> deadWorkersClaim = store.claim(chat.tenantId(), Duration.ZERO, "dead-worker",
                Duration.ofSeconds(3), 10);
        assertThat(deadWorkersClaim).extracting(SummaryService.ClaimedThread::threadId).containsExactly(thread);
        Instant claimedAt = Instant.now();

        await().atMost(WAIT).until(() -> summaries(thread).size() == 1);

        assertThat(summaries(thread).get(0).summarizedAt()).isAfterOrEqualTo(claimedAt.plusSeconds(2));
        assertThat(query("SELECT summarized_by FROM agent.conversation_summaries WHERE thread_id = ?", thread))
                .singleElement().satisfies(row -> assertThat(row.get("summarized_by")).isNotEqualTo("dead-worker"));
        assertThat(store.store(deadWorkersClaim.get(0), "dead-worker", "A late summary.", ConversationSummarized.Lead.EMPTY,
                2, "sim-1")).as("the late worker writes nothing").isEmpty();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> countSummaryRows(thread) == 1);
    }

    @Test
    void a_linked_sessions_summaries_move_to_the_person_and_an_erasure_deletes_them() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        gateway.tenant(chat.tenantId(), "PT1S");
        String person = UUID.randomUUID().toString();
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Hi.]] my name is Alan Turing, call me on 555-0100");
        events.awaitCompleted(thread, message.messageId());
        await().atMost(WAIT).until(() -> summaries(thread).size() == 1);

        sendIdentity(new UserLinked(chat.tenantId(), chat.userId(), person, Instant.now()), chat.tenantId(), person);
        await().atMost(WAIT).until(() -> rowsOf(chat.tenantId(), person) == 2);
        assertThat(rowsOf(chat.tenantId(), chat.userId())).isZero();
        assertThat(query("SELECT DISTINCT purpose, user_id FROM agent.llm_requests WHERE tenant_id = ? ORDER BY purpose",
                chat.tenantId())).as("the session's turn and summary calls are the person's now").satisfiesExactly(
                        summary -> assertThat(summary).containsEntry("purpose", "summary").containsEntry("user_id", person),
                        turn -> assertThat(turn).containsEntry("purpose", "turn").containsEntry("user_id", person));

        sendIdentity(new ErasureRequested(UUID.randomUUID().toString(), chat.tenantId(), List.of(person, chat.userId()),
                "0".repeat(64), Instant.now()), chat.tenantId(), person);
        await().atMost(WAIT).until(() -> rowsOf(chat.tenantId(), person) == 0);
        assertThat(query("SELECT count(*) AS n FROM agent.conversation_summaries WHERE tenant_id = ?", chat.tenantId())
                .get(0).get("n")).isEqualTo(0L);
        assertThat(query("SELECT count(*) AS n FROM agent.llm_requests WHERE tenant_id = ?", chat.tenantId())
                .get(0).get("n")).isEqualTo(0L);
    }

    private List<ConsumerRecord<String, byte[]>> summaryRecords(String thread) {
        return events.records(thread).stream()
                .filter(r -> ConversationSummarized.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .toList();
    }

    private List<ConversationSummarized> summaries(String thread) {
        return events.events(thread, ConversationSummarized.class);
    }

    private static long countSummaryRows(String thread) {
        return (Long) query("SELECT count(*) AS n FROM agent.conversation_summaries WHERE thread_id = ?", thread)
                .get(0).get("n");
    }

    /** The person's summaries and thread activity rows. */
    private static long rowsOf(String tenant, String user) {
        return (Long) query("SELECT (SELECT count(*) FROM agent.conversation_summaries WHERE tenant_id = ? AND user_id = ?)"
                + " + (SELECT count(*) FROM agent.thread_activity WHERE tenant_id = ? AND user_id = ?) AS n",
                tenant, user, tenant, user).get(0).get("n");
    }

    private List<JsonNode> leadRequests() {
        return simulator.requests().stream().filter(r -> r.has("response_format")).toList();
    }

    private void sendIdentity(DomainEvent event, String tenant, String key) throws Exception {
        TestKafka.send(identityTopic, key, json.writeValueAsBytes(event), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, event.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, key));
    }
}
