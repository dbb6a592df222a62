package dev.agenticchat.agent;

import static dev.agenticchat.agent.fixtures.AgentDatabase.llmRequestsOfTurn;
import static dev.agenticchat.agent.fixtures.AgentDatabase.toolCallsOfTurn;
import static dev.agenticchat.agent.fixtures.AgentDatabase.turnsOfMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.agenticchat.agent.fixtures.AgentDatabase;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ArtifactServiceStandIn;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.agent.fixtures.GoldenSamples;
import dev.agenticchat.agent.fixtures.RetrievalStandIn;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.contracts.events.AgentEvent;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent worker end to end within the service: real Postgres and Kafka, the LLM simulator
 * as the model, and a stand-in for artifact-service (the real one is exercised by the
 * end-to-end suite). Messages go in on chat.messages.v1; agent.events.v1 is read as a
 * downstream consumer would.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentServiceIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "agent-it-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The simulator calls create_chart_artifact with the contracts' sample chart. */
    private static final String CHART_ARGUMENTS = ArtifactTypes.sample("chart");

    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final ArtifactServiceStandIn artifactService = ArtifactServiceStandIn.start(SERVICE_TOKEN);
    private final RetrievalStandIn retrieval = RetrievalStandIn.start(SERVICE_TOKEN);
    private final String messagesTopic = TestKafka.createTopic("agent-it.chat.messages", 12);
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
                "agent.llm.base-url", simulator.baseUrl(),
                "micronaut.http.services.artifact-service.url", artifactService.url(),
                "micronaut.http.services.retrieval-service.url", retrieval.url(),
                "agentic.service-credentials.token", SERVICE_TOKEN,
                // Shorter than in production, to keep the retry and timeout tests quick.
                "agent.llm.retry-backoff", "50ms,100ms,200ms",
                "agent.turns.timeout", "5s"));
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
    void answers_a_chart_request_with_streamed_text_a_tool_call_and_the_created_artifact() throws Exception {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "make a bar chart of quarterly sales");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<AgentEvent> stream = events.events(thread);
        assertThat(collapseDeltas(stream)).containsExactly(TurnStarted.class, TextDelta.class, ToolCallStarted.class,
                ToolCallCompleted.class, TextDelta.class, TurnCompleted.class);
        assertThat(stream).allSatisfy(event -> assertThat(event.turnId()).isEqualTo(completed.turnId()));
        assertThat(events.records(thread)).allSatisfy(record -> {
            assertThat(GoldenSamples.paths(record.value()))
                    .isEqualTo(GoldenSamples.paths(GoldenSamples.bytes(TestKafka.header(record, CloudEventHeaders.TYPE))));
            assertThat(record.key()).isEqualTo(thread);
            assertThat(TestKafka.header(record, CloudEventHeaders.THREAD_ID)).isEqualTo(thread);
            assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(chat.tenantId());
            assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo(chat.userId());
        });
        List<TextDelta> deltas = events.events(thread, TextDelta.class);
        assertThat(deltas).extracting(TextDelta::seq).isEqualTo(IntStream.range(0, deltas.size()).boxed().toList());
        assertThat(String.join("", deltas.stream().map(TextDelta::delta).toList())).isEqualTo(completed.content());
        assertThat(completed.content()).contains("I will create that chart", "Quarterly sales");

        ToolCallStarted started = events.events(thread, ToolCallStarted.class).get(0);
        assertThat(started.toolName()).isEqualTo("create_chart_artifact");
        assertThat(JSON.readTree(started.input())).isEqualTo(JSON.readTree(CHART_ARGUMENTS));
        ToolCallCompleted toolCompleted = events.events(thread, ToolCallCompleted.class).get(0);
        assertThat(toolCompleted.toolCallId()).isEqualTo(started.toolCallId());
        assertThat(toolCompleted.status()).isEqualTo(ToolCallCompleted.COMPLETED);

        ArtifactServiceStandIn.Received request = artifactService.forThread(thread).get(0);
        assertThat(artifactService.forThread(thread)).hasSize(1);
        assertThat(request.token()).isEqualTo(SERVICE_TOKEN);
        assertThat(request.tenant()).isEqualTo(chat.tenantId());
        assertThat(request.user()).isEqualTo(chat.userId());
        assertThat(request.body().path("type").asText()).isEqualTo("chart");
        assertThat(request.body().path("turn_id").asText()).isEqualTo(completed.turnId());
        assertThat(request.idempotencyKey()).as("the call's place in the turn, the same if the turn runs again")
                .isEqualTo("turn:" + completed.turnId() + ":1:0");
        assertThat(request.body().path("content")).isEqualTo(JSON.readTree(CHART_ARGUMENTS));
        String artifactId = JSON.readTree(request.response()).path("id").asText();
        assertThat(JSON.readTree(toolCompleted.output())).isEqualTo(JSON.readTree(
                "{\"id\":\"" + artifactId + "\",\"type\":\"chart\",\"title\":\"Quarterly sales\",\"version\":1,\"status\":\"final\"}"));

        assertThat(completed.artifactIds()).containsExactly(artifactId);
        assertThat(completed.messageId()).isEqualTo(message.messageId());
        assertThat(completed.usage().llmCalls()).isEqualTo(2);
        assertThat(completed.usage().inputTokens()).isPositive();
        assertThat(completed.usage().outputTokens()).isPositive();
        assertThat(completed.usage().totalTokens()).isEqualTo(completed.usage().inputTokens() + completed.usage().outputTokens());
        assertThat(completed.cost().currency()).isEqualTo("USD");
        assertThat(completed.cost().amount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(completed.citations()).isEmpty();

        Map<String, Object> turn = turnsOfMessage(message.messageId()).get(0);
        assertThat(turn).containsEntry("status", "completed").containsEntry("assistant_content", completed.content())
                .containsEntry("input_tokens", completed.usage().inputTokens())
                .containsEntry("user_content", message.content());
        assertThat(turn.get("assistant_message_id")).hasToString(completed.assistantMessageId());
        assertThat(llmRequestsOfTurn(completed.turnId())).hasSize(2)
                .allSatisfy(row -> assertThat(row).containsEntry("status", "ok").containsEntry("model", "sim-1"));
        assertThat(toolCallsOfTurn(completed.turnId())).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("tool_name", "create_chart_artifact").containsEntry("status", "completed")
                .containsEntry("tool_call_id", started.toolCallId()).containsEntry("output", toolCompleted.output()));
    }

    /**
     * What the model receives as the parameters of create_chart_artifact: the contract's
     * JSON Schema with every property verbatim. Lost on the way through langchain4j (see
     * ArtifactToolSpecifications): the root's additionalProperties and the annotations
     * $schema, $id and title; the root description travels as the tool description.
     */
    @Test
    void offers_the_model_each_artifact_schema_as_tool_parameters_with_its_constraints() throws Exception {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Noted.]] just say noted");
        events.awaitCompleted(thread, message.messageId());

        JsonNode request = requestWithLastUserText(message.content());
        List<String> offered = offeredTools(request);
        List<String> expected = new ArrayList<>(ArtifactTypes.NAMES.stream().map(ArtifactTypes::toolName).toList());
        expected.addAll(List.of("calculate", "current_datetime", "recall_conversations", "update_artifact"));
        assertThat(offered).containsExactlyElementsOf(expected);

        JsonNode chartTool = request.path("tools").get(ArtifactTypes.NAMES.indexOf("chart")).path("function");
        ObjectNode schema = (ObjectNode) JSON.readTree(ArtifactTypes.schema("chart"));
        assertThat(chartTool.path("description").asText()).isEqualTo(schema.path("description").asText());
        JsonNode parameters = chartTool.path("parameters");
        assertThat(parameters.at("/properties/labels/minItems").asInt()).isEqualTo(1);
        assertThat(parameters.at("/properties/title/maxLength").asInt()).isEqualTo(200);
        assertThat(parameters.at("/properties/chart_type/enum")).hasSize(7);
        assertThat(parameters.at("/properties/datasets/items/additionalProperties").asBoolean(true)).isFalse();
        assertThat(parameters.at("/properties/datasets/items/properties/color/pattern").asText()).isEqualTo("^#[0-9a-fA-F]{6}$");
        assertThat(parameters.has("additionalProperties")).isFalse();
        schema.remove(List.of("$schema", "$id", "title", "description", "additionalProperties"));
        assertThat(parameters).isEqualTo(schema);
    }

    @Test
    void creates_an_artifact_of_every_contract_type_that_its_schema_accepts() throws Exception {
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (String type : ArtifactTypes.NAMES) {
            String thread = ChatMessages.newThread();
            MessagePosted message = chat.post(thread, "[[tool:" + ArtifactTypes.toolName(type) + "]] make one");

            TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

            ArtifactServiceStandIn.Received request = artifactService.forThread(thread).get(0);
            assertThat(request.body().path("type").asText()).isEqualTo(type);
            assertThat(schemas.getSchema(JSON.readTree(ArtifactTypes.schema(type))).validate(request.body().path("content")))
                    .as(type).isEmpty();
            assertThat(completed.artifactIds()).as(type).hasSize(1);
        }
    }

    @Test
    void updates_an_artifact_of_an_earlier_turn_with_a_merge_patch() throws Exception {
        String thread = ChatMessages.newThread();
        MessagePosted first = chat.post(thread, "make a bar chart of quarterly sales");
        TurnCompleted created = events.awaitCompleted(thread, first.messageId());
        String artifactId = created.artifactIds().get(0);

        MessagePosted second = chat.post(thread, "please update its title");
        TurnCompleted updated = events.awaitCompleted(thread, second.messageId());

        assertThat(artifactService.versionsOf(artifactId)).singleElement().satisfies(request -> {
            assertThat(request.token()).isEqualTo(SERVICE_TOKEN);
            assertThat(request.tenant()).isEqualTo(chat.tenantId());
            assertThat(request.user()).isEqualTo(chat.userId());
            assertThat(request.status()).isEqualTo(201);
            assertThat(request.body()).isEqualTo(JSON.readTree("{\"patch\":{\"title\":\"Quarterly sales (v2)\"},"
                    + "\"turn_id\":\"" + updated.turnId() + "\"}"));
            assertThat(request.idempotencyKey()).as("the call's place in the turn, the same if the turn runs again")
                    .isEqualTo("turn:" + updated.turnId() + ":1:0");
        });
        ToolCallCompleted tool = events.events(thread, ToolCallCompleted.class).stream()
                .filter(e -> e.turnId().equals(updated.turnId())).findFirst().orElseThrow();
        assertThat(tool.toolName()).isEqualTo("update_artifact");
        assertThat(tool.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        assertThat(tool.artifact()).isNotNull();
        assertThat(tool.artifact().id()).isEqualTo(artifactId);
        assertThat(tool.artifact().version()).isEqualTo(2);
        assertThat(tool.artifact().title()).isEqualTo("Quarterly sales (v2)");
        assertThat(JSON.readTree(tool.output()).path("version").asInt()).isEqualTo(2);
        assertThat(updated.content()).endsWith("I updated the chart artifact \"Quarterly sales (v2)\" for you.");
        assertThat(updated.artifactIds()).isEmpty();
        JsonNode secondRequest = requestWithLastUserText(second.content());
        assertThat(secondRequest.path("messages").toString()).contains(artifactId);
    }

    @Test
    void searches_the_threads_knowledge_bases_and_cites_the_passage_the_answer_refers_to() throws Exception {
        String handbook = "kb-" + UUID.randomUUID();
        String faq = "kb-" + UUID.randomUUID();
        retrieval.answer(handbook, new RetrievalStandIn.Hit("c1", "doc-handbook", "Handbook", 3, "Refunds take 14 days.", 0.9),
                new RetrievalStandIn.Hit("c2", "doc-handbook", "Handbook", 4, "Shipping is free.", 0.5));
        retrieval.answer(faq, new RetrievalStandIn.Hit("c3", "doc-faq", "FAQ", null, "Ask support for a refund.", 0.7),
                new RetrievalStandIn.Hit("c1", "doc-handbook", "Handbook", 3, "Refunds take 14 days.", 0.6));
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "search for our refund policy", List.of(handbook, faq));

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(offeredTools(requestWithLastUserText(message.content()))).contains("search_knowledge");
        for (String knowledgeBase : List.of(handbook, faq)) {
            assertThat(retrieval.searchesOf(knowledgeBase)).singleElement().satisfies(search -> {
                assertThat(search.token()).isEqualTo(SERVICE_TOKEN);
                assertThat(search.tenant()).isEqualTo(chat.tenantId());
                assertThat(search.user()).isEqualTo(chat.userId());
                assertThat(search.body().path("query").asText()).isEqualTo("search for our refund policy");
                assertThat(search.body().path("mode").asText()).isEqualTo("hybrid");
                assertThat(search.body().path("top_k").asInt()).isEqualTo(5);
                assertThat(search.body().path("min_score").asDouble(-1)).isZero();
            });
        }
        ToolCallCompleted tool = events.events(thread, ToolCallCompleted.class).get(0);
        assertThat(tool.toolName()).isEqualTo("search_knowledge");
        assertThat(tool.output()).isEqualTo("[1] Handbook, p.3: Refunds take 14 days.\n\n"
                + "[2] FAQ: Ask support for a refund.\n\n[3] Handbook, p.4: Shipping is free.");
        assertThat(completed.content()).endsWith("Refunds take 14 days. [1]");
        assertThat(completed.citations()).containsExactly(
                new TurnCompleted.Citation("doc-handbook", "Handbook", 3, "Refunds take 14 days.", 0.9));
        assertThat(AgentDatabase.query("SELECT number, chunk_id FROM agent.turn_citations WHERE turn_id = ?::uuid "
                + "ORDER BY number", completed.turnId())).extracting(row -> row.get("chunk_id")).containsExactly("c1", "c3", "c2");
    }

    @Test
    void tells_the_model_when_retrieval_is_down_and_still_answers() {
        String broken = "kb-" + UUID.randomUUID();
        retrieval.breakDown(broken);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "search for our refund policy", List.of(broken));

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<ToolCallCompleted> tools = events.events(thread, ToolCallCompleted.class);
        assertThat(tools).isNotEmpty().allSatisfy(tool -> {
            assertThat(tool.status()).isEqualTo(ToolCallCompleted.FAILED);
            assertThat(tool.output()).startsWith("Error: the knowledge search is unavailable right now "
                    + "(retrieval-service answered HTTP 503)");
        });
        assertThat(completed.citations()).isEmpty();
    }

    /** A takeover runs the turn again: a passage the first run showed keeps its number, so the same citation comes out. */
    @Test
    void numbers_a_passage_a_previous_run_of_the_turn_showed_as_that_run_did() throws Exception {
        String handbook = "kb-" + UUID.randomUUID();
        retrieval.answer(handbook, new RetrievalStandIn.Hit("c1", "doc-handbook", "Handbook", 3, "Refunds take 14 days.", 0.9),
                new RetrievalStandIn.Hit("c3", "doc-faq", "FAQ", null, "Ask support for a refund.", 0.7));
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.message(thread, "search for our refund policy", List.of(handbook));
        UUID turnId = UUID.randomUUID();
        try (Connection admin = TestDatabase.admin()) {
            try (PreparedStatement turn = admin.prepareStatement("""
                    INSERT INTO agent.turns (id, message_id, thread_id, tenant_id, user_id, user_content, status,
                                             assistant_message_id, started_at, owner, lease_until)
                    VALUES (?, ?, ?, ?, ?, ?, 'running', ?, now(), 'crashed-worker', now() - interval '1 second')""")) {
                turn.setObject(1, turnId);
                turn.setString(2, message.messageId());
                turn.setString(3, thread);
                turn.setString(4, message.tenantId());
                turn.setString(5, message.userId());
                turn.setString(6, message.content());
                turn.setObject(7, UUID.randomUUID());
                turn.executeUpdate();
            }
            try (PreparedStatement citation = admin.prepareStatement("""
                    INSERT INTO agent.turn_citations (id, turn_id, number, chunk_id, document_id, title, page, passage,
                                                      score, created_at)
                    VALUES (?, ?, 1, 'c3', 'doc-faq', 'FAQ', NULL, 'Ask support for a refund.', 0.7, now())""")) {
                citation.setObject(1, UUID.randomUUID());
                citation.setObject(2, turnId);
                citation.executeUpdate();
            }
        }

        chat.post(message, UUID.randomUUID().toString());
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(completed.turnId()).isEqualTo(turnId.toString());
        assertThat(events.events(thread, ToolCallCompleted.class).get(0).output())
                .isEqualTo("[1] FAQ: Ask support for a refund.\n\n[2] Handbook, p.3: Refunds take 14 days.");
        assertThat(completed.citations()).containsExactly(
                new TurnCompleted.Citation("doc-faq", "FAQ", null, "Ask support for a refund.", 0.7));
    }

    @Test
    void sends_a_rejected_artifact_back_to_the_model_which_corrects_it() throws Exception {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[tool:create_chart_artifact:invalid]] chart the quarterly sales");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<ToolCallCompleted> tools = events.events(thread, ToolCallCompleted.class);
        List<ArtifactServiceStandIn.Received> requests = artifactService.forThread(thread);
        assertThat(requests).extracting(ArtifactServiceStandIn.Received::status).containsExactly(422, 201);
        assertThat(tools).extracting(ToolCallCompleted::status)
                .containsExactly(ToolCallCompleted.FAILED, ToolCallCompleted.COMPLETED);
        assertThat(tools.get(0).output()).isEqualTo(requests.get(0).response());
        assertThat(completed.artifactIds()).containsExactly(JSON.readTree(requests.get(1).response()).path("id").asText());
        assertThat(completed.usage().llmCalls()).isEqualTo(3);
        assertThat(toolCallsOfTurn(completed.turnId())).extracting(row -> row.get("status")).containsExactly("failed", "completed");
    }

    @Test
    void answers_a_redelivered_message_once() {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.message(thread, "[[text:Only once.]] hello");
        String eventId = UUID.randomUUID().toString();
        chat.post(message, eventId);
        chat.post(message, eventId);
        // Same key, so the marker is answered only after both deliveries were handled.
        MessagePosted marker = chat.post(thread, "[[text:Marker.]] and now?");

        events.awaitCompleted(thread, marker.messageId());

        assertThat(events.events(thread, TurnStarted.class)).filteredOn(e -> e.messageId().equals(message.messageId())).hasSize(1);
        assertThat(events.events(thread, TurnCompleted.class)).filteredOn(e -> e.messageId().equals(message.messageId())).hasSize(1);
        assertThat(turnsOfMessage(message.messageId())).hasSize(1);
    }

    @Test
    void publishes_the_end_of_a_turn_after_its_streamed_events_and_forgets_it_once_kafka_has_it() {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Stored, then sent.]] hello");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<ConsumerRecord<String, byte[]>> records = events.records(thread);
        assertThat(TestKafka.header(records.get(records.size() - 1), CloudEventHeaders.TYPE)).isEqualTo(TurnCompleted.TYPE);
        String endEventId = TestKafka.header(records.get(records.size() - 1), CloudEventHeaders.ID);
        await("the turn row to note that Kafka has its end").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(turnsOfMessage(message.messageId()).get(0))
                        .containsEntry("end_event_data", null)
                        .satisfies(row -> assertThat(row.get("end_event_id")).hasToString(endEventId))
                        .satisfies(row -> assertThat(row.get("end_event_published_at")).isNotNull()));
        assertThat(completed.content()).isEqualTo("Stored, then sent.");
    }

    /**
     * A worker that died between storing a turn's end and Kafka acknowledging it leaves the
     * event in the turn row; the redelivered message publishes that very event (same id, same
     * time, same data) and does not run the turn again.
     */
    @Test
    void publishes_the_stored_end_of_a_turn_whose_worker_died_before_kafka_had_it_without_running_the_turn_again()
            throws Exception {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.message(thread, "[[text:Never asked again.]] hello");
        UUID turnId = UUID.randomUUID();
        UUID assistantMessageId = UUID.randomUUID();
        UUID endEventId = UUID.randomUUID();
        Instant endedAt = Instant.parse("2026-11-30T10:15:30.123456Z");
        TurnCompleted stored = new TurnCompleted(turnId.toString(), thread, message.messageId(),
                assistantMessageId.toString(), "The answer from before the crash.",
                new TurnCompleted.Usage(12, 5, 17, 1), new TurnCompleted.Cost(BigDecimal.ZERO, "USD"), List.of(),
                List.of(), endedAt);
        try (Connection admin = TestDatabase.admin();
             PreparedStatement insert = admin.prepareStatement("""
                     INSERT INTO agent.turns (id, message_id, thread_id, tenant_id, user_id, user_content, status,
                                              assistant_message_id, assistant_content, input_tokens, output_tokens,
                                              started_at, completed_at, owner, end_event_id, end_event_data)
                     VALUES (?, ?, ?, ?, ?, ?, 'completed', ?, ?, 12, 5, now(), ?, 'a-dead-worker', ?, ?)""")) {
            insert.setObject(1, turnId);
            insert.setString(2, message.messageId());
            insert.setString(3, thread);
            insert.setString(4, message.tenantId());
            insert.setString(5, message.userId());
            insert.setString(6, message.content());
            insert.setObject(7, assistantMessageId);
            insert.setString(8, stored.content());
            insert.setTimestamp(9, Timestamp.from(endedAt));
            insert.setObject(10, endEventId);
            insert.setString(11, new String(codec.toJson(stored), java.nio.charset.StandardCharsets.UTF_8));
            insert.executeUpdate();
        }

        chat.post(message, UUID.randomUUID().toString());
        MessagePosted marker = chat.post(thread, "[[text:Marker.]] and now?");
        events.awaitCompleted(thread, marker.messageId());

        List<ConsumerRecord<String, byte[]>> ends = events.records(thread).stream()
                .filter(r -> TurnCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .toList();
        assertThat(ends).hasSize(2);
        ConsumerRecord<String, byte[]> republished = ends.get(0);
        assertThat(TestKafka.header(republished, CloudEventHeaders.ID)).isEqualTo(endEventId.toString());
        assertThat(TestKafka.header(republished, CloudEventHeaders.TIME)).isEqualTo(endedAt.toString());
        assertThat(TestKafka.header(republished, CloudEventHeaders.USER_ID)).isEqualTo(message.userId());
        assertThat(republished.key()).isEqualTo(thread);
        assertThat(events.decode(republished)).isEqualTo(stored);
        assertThat(events.events(thread, TurnStarted.class)).extracting(TurnStarted::messageId)
                .containsExactly(marker.messageId());
        assertThat(turnsOfMessage(message.messageId())).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("end_event_data", null)
                .satisfies(r -> assertThat(r.get("end_event_published_at")).isNotNull()));
    }

    /** After a rebalance the new owner of a partition must not run a turn another live worker is running. */
    @Test
    void waits_while_another_worker_holds_the_turn_and_takes_it_over_once_that_lease_expires() throws Exception {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.message(thread, "[[text:Taken over.]] hello");
        Instant foreignLeaseEnds = Instant.now().plusSeconds(3);
        try (Connection admin = TestDatabase.admin();
             PreparedStatement insert = admin.prepareStatement("""
                     INSERT INTO agent.turns (id, message_id, thread_id, tenant_id, user_id, user_content, status,
                                              assistant_message_id, started_at, owner, lease_until)
                     VALUES (?, ?, ?, ?, ?, ?, 'running', ?, now(), 'another-worker', ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, message.messageId());
            insert.setString(3, thread);
            insert.setString(4, message.tenantId());
            insert.setString(5, message.userId());
            insert.setString(6, message.content());
            insert.setObject(7, UUID.randomUUID());
            insert.setTimestamp(8, Timestamp.from(foreignLeaseEnds));
            insert.executeUpdate();
        }

        chat.post(message, UUID.randomUUID().toString());
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(completed.content()).isEqualTo("Taken over.");
        TurnStarted started = events.events(thread, TurnStarted.class).get(0);
        Instant startedAt = Instant.parse(TestKafka.header(events.records(thread).stream()
                .filter(r -> TurnStarted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE))).findFirst().orElseThrow(),
                CloudEventHeaders.TIME));
        assertThat(started.messageId()).isEqualTo(message.messageId());
        assertThat(startedAt).isAfterOrEqualTo(foreignLeaseEnds.minusMillis(50));
        assertThat(events.events(thread, TurnStarted.class)).hasSize(1);
    }

    @Test
    void stops_a_running_turn_when_its_user_asks() {
        simulator.configure(new SimulatorConfig(0, 100, 0, 500));
        String story = IntStream.rangeClosed(1, 60).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:" + story + "]] tell me a story");
        await().atMost(Duration.ofSeconds(15)).until(() -> !events.events(thread, TextDelta.class).isEmpty());

        // Resent until it lands: the agent's command consumer reads from the end of the topic.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            chat.cancel(thread);
            return events.events(thread).stream().anyMatch(e -> e instanceof TurnFailed);
        });

        TurnFailed failed = events.awaitFailed(thread, message.messageId());
        assertThat(failed.code()).isEqualTo(TurnFailed.CANCELLED);
        assertThat(failed.message()).isEqualTo("Stopped at your request.");
        String streamed = events.events(thread, TextDelta.class).stream().map(TextDelta::delta).collect(Collectors.joining());
        assertThat(streamed).isNotEmpty().doesNotContain("word60");
        assertThat(turnsOfMessage(message.messageId()).get(0)).containsEntry("status", "failed")
                .containsEntry("error_code", TurnFailed.CANCELLED);
    }

    /** Postgres TEXT cannot hold U+0000: the user's text is stored, and sent to the model, without it. */
    @Test
    void answers_a_message_holding_nul_characters_once_without_them() {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:bad \u0000 char]] say it");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(completed.content()).isEqualTo("bad  char");
        assertThat(events.events(thread, TurnCompleted.class)).hasSize(1);
        assertThat(events.events(thread, TurnStarted.class)).hasSize(1);
        assertThat(turnsOfMessage(message.messageId())).singleElement().satisfies(turn -> assertThat(turn)
                .containsEntry("status", "completed").containsEntry("assistant_content", "bad  char")
                .containsEntry("user_content", "[[text:bad  char]] say it"));
    }

    /**
     * The model's own answer holds a NUL (it quotes a tool result that does). Storing it as
     * is failed, and the redelivered message ran the whole turn, tool calls included, again.
     */
    @Test
    void stores_a_model_answer_holding_nul_characters_once_without_them() {
        String thread = ChatMessages.newThread();
        artifactService.titleArtifactsOf(thread, "Sales \u0000 by quarter");
        MessagePosted message = chat.post(thread, "make a bar chart of quarterly sales");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(completed.content()).contains("\"Sales  by quarter\"").doesNotContain("\u0000");
        assertThat(events.events(thread, TurnCompleted.class)).hasSize(1);
        assertThat(events.events(thread, TurnStarted.class)).hasSize(1);
        assertThat(artifactService.forThread(thread)).hasSize(1);
        assertThat(turnsOfMessage(message.messageId())).singleElement().satisfies(turn -> assertThat(turn)
                .containsEntry("status", "completed").containsEntry("assistant_content", completed.content()));
        assertThat(toolCallsOfTurn(completed.turnId())).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "completed"));
    }

    @Test
    void retries_a_model_that_is_rate_limited_before_streaming() {
        simulator.configure(new SimulatorConfig(0, 0, 2, 429));
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Still here.]] are you there?");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(completed.content()).isEqualTo("Still here.");
        assertThat(llmRequestsOfTurn(completed.turnId())).extracting(row -> row.get("status"))
                .containsExactly("error", "error", "ok");
    }

    @Test
    void fails_the_turn_as_llm_unavailable_when_the_model_keeps_failing() {
        simulator.configure(new SimulatorConfig(0, 0, 10, 500));
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Never said.]] hello");

        TurnFailed failed = events.awaitFailed(thread, message.messageId());
        simulator.reset();

        assertThat(failed.code()).isEqualTo(TurnFailed.LLM_UNAVAILABLE);
        assertThat(failed.message()).isEqualTo("The language model is unavailable: it answered HTTP 500 after 4 attempts.");
        assertThat(events.records(thread)).filteredOn(r -> TurnFailed.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .singleElement().satisfies(record -> assertThat(GoldenSamples.paths(record.value()))
                        .isEqualTo(GoldenSamples.paths(GoldenSamples.bytes(TurnFailed.TYPE))));
        assertThat(llmRequestsOfTurn(failed.turnId())).hasSize(4)
                .allSatisfy(row -> assertThat(row).containsEntry("status", "error"));
        assertThat(turnsOfMessage(message.messageId()).get(0)).containsEntry("status", "failed")
                .containsEntry("error_code", TurnFailed.LLM_UNAVAILABLE);
    }

    @Test
    void fails_the_turn_with_timeout_when_the_model_outlasts_the_turn_limit() {
        simulator.configure(SimulatorConfig.withDelays(6000, 0));
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Too late.]] hello");

        TurnFailed failed = events.awaitFailed(thread, message.messageId());

        assertThat(failed.code()).isEqualTo(TurnFailed.TIMEOUT);
        assertThat(failed.message()).isEqualTo("The answer took longer than the limit of 5 seconds and was stopped.");
        assertThat(events.events(thread, TextDelta.class)).isEmpty();
        assertThat(llmRequestsOfTurn(failed.turnId())).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "error"));
    }

    @Test
    void runs_turns_of_different_threads_concurrently_far_beyond_the_partition_count() {
        simulator.configure(SimulatorConfig.withDelays(1000, 0));
        long start = System.nanoTime();
        List<MessagePosted> messages = IntStream.range(0, 50).parallel()
                .mapToObj(i -> chat.post(ChatMessages.newThread(), "[[text:Answer " + i + ".]] question " + i))
                .toList();

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(messages).allSatisfy(m ->
                assertThat(events.events(m.threadId(), TurnCompleted.class)).hasSize(1)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void answers_the_messages_of_one_thread_in_order() {
        String thread = ChatMessages.newThread();
        List<MessagePosted> messages = IntStream.range(0, 5)
                .mapToObj(i -> chat.post(thread, "[[text:Answer " + i + ".]] question " + i))
                .toList();

        events.awaitCompleted(thread, messages.get(4).messageId());

        // Each turn starts only once the previous one's completion is on the topic.
        List<String> lifecycle = events.events(thread).stream()
                .filter(e -> e instanceof TurnStarted || e instanceof TurnCompleted)
                .map(e -> e instanceof TurnStarted s ? "started " + s.messageId() : "completed " + ((TurnCompleted) e).messageId())
                .toList();
        assertThat(lifecycle).containsExactlyElementsOf(messages.stream()
                .flatMap(m -> Stream.of("started " + m.messageId(), "completed " + m.messageId()))
                .toList());
    }

    @Test
    void sends_the_earlier_exchanges_of_the_thread_to_the_model() {
        String thread = ChatMessages.newThread();
        MessagePosted first = chat.post(thread, "My name is Ada. [[text:Nice to meet you, Ada.]]");
        events.awaitCompleted(thread, first.messageId());
        MessagePosted second = chat.post(thread, "What is my name?");
        events.awaitCompleted(thread, second.messageId());

        JsonNode request = requestWithLastUserText(second.content());
        List<String> conversation = new ArrayList<>();
        request.path("messages").forEach(m -> conversation.add(m.path("role").asText() + ": " + text(m.path("content"))));
        assertThat(conversation).hasSize(4);
        assertThat(conversation.subList(1, 4)).containsExactly(
                "user: My name is Ada. [[text:Nice to meet you, Ada.]]",
                "assistant: Nice to meet you, Ada.",
                "user: What is my name?");
        assertThat(conversation.get(0)).startsWith("system: ");
    }

    private JsonNode requestWithLastUserText(String text) {
        return simulator.requests().stream()
                .filter(body -> {
                    JsonNode messages = body.path("messages");
                    JsonNode last = messages.get(messages.size() - 1);
                    return "user".equals(last.path("role").asText()) && text.equals(text(last.path("content")));
                })
                .findFirst().orElseThrow();
    }

    private static List<String> offeredTools(JsonNode request) {
        List<String> offered = new ArrayList<>();
        request.path("tools").forEach(tool -> offered.add(tool.at("/function/name").asText()));
        return offered;
    }

    /** Message content is a string or, for some clients, an array of text parts. */
    private static String text(JsonNode content) {
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText()));
            return text.toString();
        }
        return content.asText();
    }

    private static List<Class<?>> collapseDeltas(List<AgentEvent> stream) {
        List<Class<?>> types = new ArrayList<>();
        for (AgentEvent event : stream) {
            if (types.isEmpty() || !(event instanceof TextDelta && types.get(types.size() - 1) == TextDelta.class)) {
                types.add(event.getClass());
            }
        }
        return types;
    }
}
