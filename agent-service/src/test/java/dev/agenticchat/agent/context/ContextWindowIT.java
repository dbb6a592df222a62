package dev.agenticchat.agent.context;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The context window on real Postgres and Kafka, the LLM simulator recording what the model is
 * sent: a thread of 500 messages answers within its agent's token budget with the persona, the
 * running summary and the newest turns verbatim; the next turn extends the summary with just the
 * turns that dropped out; a failed summary call does not fail the turn; a larger budget keeps more.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContextWindowIT implements TestPropertyProvider {
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Pattern QUESTION = Pattern.compile("Question Q-(\\d{3})");
    private static final String PERSONA = "You are the facilities assistant of a housing cooperative. Answer briefly.";
    private static final String SUMMARY_PREFIX = "Summary of the earlier conversation: ";

    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("context-window-it.chat.messages", 3);
    private AgentEventLog events;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;
    @Inject
    RunningSummaryService summaries;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
        properties.put("agent.llm.base-url", simulator.baseUrl());
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        simulator.close();
        jwks.close();
    }

    @Test
    void a_thread_of_500_messages_answers_within_the_budget_with_the_summary_and_the_newest_turns_verbatim() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        agent(chat.tenantId(), "facilities", 4_000);
        String thread = ChatMessages.newThread();
        List<UUID> seeded = seed(chat, thread, 250);

        MessagePosted first = chat.postForAgent(thread, "[[text:We decided on the green roof.]] " + longQuestion(
                "What did we decide about the roof in the end?").repeat(3), "facilities");
        String firstTurn = awaitTurn(thread, first);

        JsonNode request = turnRequest(first.content());
        JsonNode messages = request.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo(PERSONA);
        assertThat(messages.get(1).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("content").asText()).startsWith(SUMMARY_PREFIX + "Summary of a conversation of");
        assertThat(messages.get(messages.size() - 1).path("content").asText()).isEqualTo(first.content());
        List<Integer> verbatim = questionsIn(request);
        assertThat(verbatim).as("some of the newest turns, in order, the newest last").isNotEmpty().hasSizeLessThan(30)
                .isEqualTo(range(250 - verbatim.size(), 250));
        int oldestVerbatim = verbatim.get(0);
        String sent = verbatimPart(request);
        for (int older = 0; older < oldestVerbatim; older++) {
            assertThat(sent).as("turn %d is not sent verbatim", older).doesNotContain(String.format("Q-%03d", older))
                    .doesNotContain(String.format("A-%03d", older));
        }
        int recounted = recount(request);
        assertThat(recounted).as("recounted with jtokkit").isLessThanOrEqualTo(4_000).isGreaterThan(2_000);

        Map<String, Object> turnCall = only(query("""
                SELECT * FROM agent.llm_requests WHERE turn_id = ?::uuid AND purpose = 'turn'""", firstTurn));
        assertThat(turnCall).containsEntry("context_budget_tokens", 4_000).containsEntry("status", "ok");
        int counted = (Integer) turnCall.get("prompt_tokens_counted");
        assertThat(counted).isLessThanOrEqualTo(4_000).isBetween((int) (recounted * 0.9), (int) (recounted * 1.1));

        Map<String, Object> contextCall = only(query("""
                SELECT * FROM agent.llm_requests WHERE turn_id = ?::uuid AND purpose = 'context'""", firstTurn));
        assertThat(contextCall).containsEntry("step", 1).containsEntry("status", "ok").containsEntry("thread_id", thread);
        assertThat(contextCall.get("agent_id")).isNotNull();
        JsonNode summaryCall = summaryRequests(thread).get(0);
        assertThat(simulator.requests().indexOf(summaryCall)).as("the summary is extended before the turn's model call")
                .isLessThan(simulator.requests().indexOf(request));
        List<Integer> summarised = questionsIn(summaryCall);
        assertThat(summarised).as("the newest turns that dropped out, oldest first").isNotEmpty()
                .isEqualTo(range(oldestVerbatim - summarised.size(), oldestVerbatim));

        Map<String, Object> stored = only(query("SELECT * FROM agent.context_summaries WHERE thread_id = ?", thread));
        assertThat(stored).containsEntry("covered_turn_id", seeded.get(oldestVerbatim - 1))
                .containsEntry("covered_turns", summarised.size()).containsEntry("tenant_id", chat.tenantId())
                .containsEntry("user_id", chat.userId());
        assertThat(messages.get(1).path("content").asText()).isEqualTo(SUMMARY_PREFIX + stored.get("summary"));

        MessagePosted second = chat.postForAgent(thread, "[[text:Noted.]] " + longQuestion("And what about the solar panels?").repeat(3),
                "facilities");
        awaitTurn(thread, second);

        List<JsonNode> summaryCalls = summaryRequests(thread);
        assertThat(summaryCalls).as("one extension per turn that dropped turns").hasSize(2);
        JsonNode extension = summaryCalls.get(1);
        assertThat(extension.path("messages").get(1).path("content").asText())
                .as("the previous summary is extended").endsWith((String) stored.get("summary"));
        List<Integer> extended = questionsIn(extension);
        assertThat(extended).as("only the turns that dropped out since, not the thread again").isNotEmpty()
                .isEqualTo(range(oldestVerbatim, oldestVerbatim + extended.size())).hasSizeLessThan(5);
        Map<String, Object> restored = only(query("SELECT * FROM agent.context_summaries WHERE thread_id = ?", thread));
        assertThat(restored).containsEntry("covered_turns", summarised.size() + extended.size())
                .containsEntry("covered_turn_id", seeded.get(oldestVerbatim + extended.size() - 1));
        JsonNode secondRequest = turnRequest(second.content());
        assertThat(questionsIn(secondRequest).get(0)).isEqualTo(oldestVerbatim + extended.size());
        assertThat(secondRequest.path("messages").get(1).path("content").asText())
                .isEqualTo(SUMMARY_PREFIX + restored.get("summary"));
        assertThat(recount(secondRequest)).isLessThanOrEqualTo(4_000);
    }

    @Test
    void a_failed_summary_call_still_answers_and_the_next_turn_writes_the_summary() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        agent(chat.tenantId(), "facilities", 2_000);
        String thread = ChatMessages.newThread();
        seed(chat, thread, 40);

        simulator.configure(new SimulatorConfig(0, 0, 1, 500));
        MessagePosted first = chat.postForAgent(thread, "[[text:The boiler was serviced.]] When was the boiler serviced?",
                "facilities");
        String firstTurn = awaitTurn(thread, first);
        simulator.configure(SimulatorConfig.defaults());

        assertThat(only(query("SELECT * FROM agent.llm_requests WHERE turn_id = ?::uuid AND purpose = 'context'", firstTurn)))
                .containsEntry("status", "error");
        JsonNode request = turnRequest(first.content());
        assertThat(request.path("messages").get(1).path("content").asText()).doesNotStartWith(SUMMARY_PREFIX);
        assertThat(recount(request)).isLessThanOrEqualTo(2_000);
        assertThat(query("SELECT * FROM agent.context_summaries WHERE thread_id = ?", thread)).isEmpty();

        MessagePosted second = chat.postForAgent(thread, "[[text:In May.]] And the lift?", "facilities");
        awaitTurn(thread, second);

        assertThat(query("SELECT * FROM agent.context_summaries WHERE thread_id = ?", thread)).hasSize(1);
        assertThat(turnRequest(second.content()).path("messages").get(1).path("content").asText()).startsWith(SUMMARY_PREFIX);
    }

    @Test
    void an_agent_with_a_larger_budget_keeps_more_turns_verbatim() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        agent(chat.tenantId(), "small", 3_000);
        agent(chat.tenantId(), "large", 8_000);
        String smallThread = ChatMessages.newThread();
        String largeThread = ChatMessages.newThread();
        seed(chat, smallThread, 60);
        seed(chat, largeThread, 60);

        MessagePosted small = chat.postForAgent(smallThread, "[[text:Fine.]] Small window, question one.", "small");
        MessagePosted large = chat.postForAgent(largeThread, "[[text:Fine.]] Large window, question one.", "large");
        awaitTurn(smallThread, small);
        awaitTurn(largeThread, large);

        JsonNode smallRequest = turnRequest(small.content());
        JsonNode largeRequest = turnRequest(large.content());
        assertThat(recount(smallRequest)).isLessThanOrEqualTo(3_000);
        assertThat(recount(largeRequest)).isLessThanOrEqualTo(8_000);
        assertThat(questionsIn(largeRequest).size()).isGreaterThan(2 * questionsIn(smallRequest).size());
        assertThat(query("SELECT context_budget_tokens FROM agent.llm_requests WHERE thread_id = ? AND purpose = 'turn'",
                largeThread)).extracting(row -> row.get("context_budget_tokens")).containsExactly(8_000);
    }

    @Test
    void a_thread_that_fits_is_sent_whole_without_a_summary_call() {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        agent(chat.tenantId(), "facilities", 16_000);
        String thread = ChatMessages.newThread();
        seed(chat, thread, 5);

        MessagePosted message = chat.postForAgent(thread, "[[text:Yes.]] Is that everything?", "facilities");
        String turn = awaitTurn(thread, message);

        assertThat(questionsIn(turnRequest(message.content()))).isEqualTo(range(0, 5));
        assertThat(query("SELECT * FROM agent.llm_requests WHERE turn_id = ?::uuid AND purpose = 'context'", turn)).isEmpty();
        assertThat(summaryRequests(thread)).isEmpty();
    }

    @Test
    void the_budget_is_an_agent_field_validated_versioned_and_shown_to_admins() {
        String tenant = "tenant-" + UUID.randomUUID();
        ApiCaller admin = admin(tenant);
        Map<String, Object> fields = agentFields("budgeted", 999);

        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", fields), 400)).containsExactly("context_tokens");
        fields.put("context_tokens", 1_000_001);
        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", fields), 400)).containsExactly("context_tokens");
        fields.put("context_tokens", 1_000);
        assertThat(admin.send(HttpRequest.POST("/api/agents", fields))).containsEntry("context_tokens", 1_000);
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/agents/budgeted", Map.of("context_tokens", 0)), 400))
                .containsExactly("context_tokens");

        assertThat(admin.send(HttpRequest.PATCH("/api/agents/budgeted", Map.of("context_tokens", 32_000))))
                .containsEntry("context_tokens", 32_000).containsEntry("version", 2);
        assertThat(admin.send(HttpRequest.PATCH("/api/agents/budgeted", Map.of("name", "Renamed"))))
                .as("a change that does not name it keeps it").containsEntry("context_tokens", 32_000);
        assertThat(admin.items("/api/agents/budgeted/versions")).extracting(version -> version.get("context_tokens"))
                .containsExactly(32_000, 32_000, 1_000);
        assertThat(admin.get("/api/agents/default")).doesNotContainKey("context_tokens");
        assertThat(query("""
                SELECT details->>'changed' AS changed FROM agent.audit_log
                WHERE tenant_id = ? AND type = 'agent.updated' ORDER BY occurred_at""", tenant))
                .extracting(row -> String.valueOf(row.get("changed"))).first().isEqualTo("[\"context_tokens\"]");
        ApiCaller person = new ApiCaller(http, jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));
        assertThat(person.get("/api/agents/budgeted")).doesNotContainKey("context_tokens");
    }

    @Test
    void a_stored_summary_is_replaced_only_by_one_that_covers_more() {
        String thread = ChatMessages.newThread();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RunningSummary later = summary(thread, "covers two turns", now, 2);
        RunningSummary earlier = summary(thread, "covers one turn", now.minusSeconds(60), 1);

        assertThat(summaries.store(later)).isTrue();
        assertThat(summaries.store(earlier)).as("a slower writer with less coverage").isFalse();
        assertThat(summaries.store(later)).as("the same coverage again").isFalse();
        assertThat(summaries.current(thread, "tenant-a", "user-a")).get()
                .satisfies(stored -> assertThat(stored.summary()).isEqualTo("covers two turns"));
        RunningSummary more = summary(thread, "covers three turns", now.plusSeconds(60), 3);
        assertThat(summaries.store(more)).isTrue();
        assertThat(summaries.current(thread, "tenant-a", "user-a")).contains(more);
        assertThat(summaries.current(thread, "tenant-a", "someone-else")).as("only its owner's").isEmpty();
    }

    private static RunningSummary summary(String thread, String text, Instant covered, int turns) {
        return new RunningSummary(thread, "tenant-a", "user-a", text, 3, covered, UUID.randomUUID(), turns, "sim-1",
                covered);
    }

    /** Completed turns as the thread's earlier conversation: a question and an answer of a few hundred tokens each. */
    private static List<UUID> seed(ChatMessages chat, String thread, int turns) {
        List<UUID> ids = new ArrayList<>();
        Instant start = Instant.now().minus(turns + 10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        try (Connection admin = TestDatabase.admin(); PreparedStatement insert = admin.prepareStatement("""
                INSERT INTO agent.turns (id, message_id, thread_id, tenant_id, user_id, user_content, status,
                                         assistant_message_id, assistant_content, input_tokens, output_tokens,
                                         started_at, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, 'completed', ?, ?, 0, 0, ?, ?)""")) {
            for (int i = 0; i < turns; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                Instant startedAt = start.plus(i, ChronoUnit.MINUTES);
                insert.setObject(1, id);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, thread);
                insert.setString(4, chat.tenantId());
                insert.setString(5, chat.userId());
                insert.setString(6, String.format("Question Q-%03d (%s): ", i, tag(thread)) + longQuestion(
                        "how should we plan item " + i + " of the maintenance list, and who pays for it?"));
                insert.setObject(7, UUID.randomUUID());
                insert.setString(8, String.format("Answer A-%03d: ", i) + "For item " + i + " the board suggests getting"
                        + " three quotes from local contractors, comparing warranties and timelines, and asking the"
                        + " members at the next general meeting. The reserve fund covers repairs of shared parts of the"
                        + " building; improvements inside a flat are paid by its residents, unless the bylaws say"
                        + " otherwise. Schedule the work outside the heating season where possible, and keep the"
                        + " invoices for the annual report.");
                insert.setTimestamp(9, Timestamp.from(startedAt));
                insert.setTimestamp(10, Timestamp.from(startedAt.plusSeconds(20)));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** Marks a thread's seeded turns, so a summary request names the thread it is about. */
    private static String tag(String thread) {
        return "thread " + thread.substring(0, 8);
    }

    private static String longQuestion(String question) {
        return question + " For context: the building has forty flats over six floors, a flat roof from 1987,"
                + " a gas boiler in the basement, one lift, a shared garden and a bicycle shed; the members meet"
                + " twice a year and the board of five decides on anything below ten thousand euros.";
    }

    private void agent(String tenant, String slug, int contextTokens) {
        admin(tenant).send(HttpRequest.POST("/api/agents", agentFields(slug, contextTokens)));
    }

    private static Map<String, Object> agentFields(String slug, int contextTokens) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("slug", slug);
        fields.put("name", "Facilities " + slug);
        fields.put("system_prompt", PERSONA);
        fields.put("tools", List.of("calculate"));
        fields.put("context_tokens", contextTokens);
        return fields;
    }

    private ApiCaller admin(String tenant) {
        return new ApiCaller(http, jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
    }

    private String awaitTurn(String thread, MessagePosted message) {
        events.awaitCompleted(thread, message.messageId());
        return String.valueOf(only(query("SELECT id FROM agent.turns WHERE message_id = ?", message.messageId())).get("id"));
    }

    /** The turn's streamed request: the one whose last message is the user's new message. */
    private JsonNode turnRequest(String content) {
        List<JsonNode> found = simulator.requests().stream().filter(request -> request.path("stream").asBoolean())
                .filter(request -> {
                    JsonNode messages = request.path("messages");
                    return messages.get(messages.size() - 1).path("content").asText().equals(content);
                }).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** The running summary's calls about this thread, in order: recognised by the thread's tag in its turns. */
    private List<JsonNode> summaryRequests(String thread) {
        return simulator.requests().stream().filter(request -> !request.path("stream").asBoolean())
                .filter(request -> request.path("messages").get(0).path("content").asText()
                        .startsWith("Summarize the conversation"))
                .filter(request -> request.toString().contains(tag(thread))).toList();
    }

    /** The request without the summary (which quotes the turns it summarises). */
    private static String verbatimPart(JsonNode request) {
        StringBuilder sent = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            if (!message.path("content").asText().startsWith(SUMMARY_PREFIX)) {
                sent.append(message).append('\n');
            }
        }
        return sent.toString();
    }

    /** The numbers of the seeded questions a request carries, in the order it carries them. */
    private static List<Integer> questionsIn(JsonNode request) {
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            if (!message.path("role").asText().equals("user")) {
                continue;
            }
            Matcher matcher = QUESTION.matcher(message.path("content").asText());
            if (matcher.find()) {
                numbers.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return numbers;
    }

    /**
     * The prompt's tokens counted here, independently, with o200k_base (jtokkit's default for the
     * simulator's model): each message's content and tool calls, 4 tokens of framing each, 3 for the
     * reply, and each offered tool's function as JSON.
     */
    private static int recount(JsonNode request) {
        int tokens = 3;
        for (JsonNode message : request.path("messages")) {
            tokens += 4 + O200K.countTokens(message.path("content").asText(""));
            for (JsonNode call : message.path("tool_calls")) {
                tokens += 3 + O200K.countTokens(call.path("function").path("name").asText())
                        + O200K.countTokens(call.path("function").path("arguments").asText());
            }
        }
        for (JsonNode tool : request.path("tools")) {
            tokens += 3 + O200K.countTokens(tool.path("function").toString());
        }
        return tokens;
    }

    private static List<Integer> range(int fromInclusive, int toExclusive) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = fromInclusive; i < toExclusive; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static Map<String, Object> only(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
