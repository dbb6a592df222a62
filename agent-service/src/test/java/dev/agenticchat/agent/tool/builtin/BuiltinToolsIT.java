package dev.agenticchat.agent.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built-in tools in real turns: real Postgres and Kafka, the LLM simulator as the model,
 * which calls a tool named by {@code [[tool:NAME]]} with arguments from the message's text.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltinToolsIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BUILTIN = List.of("calculate", "current_datetime", "recall_conversations");

    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("builtin-tools-it.chat.messages", 3);
    private AgentEventLog events;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;

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
    void the_default_agent_offers_the_builtin_tools_and_a_calculation_reaches_the_model_and_the_client() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[tool:calculate]] (1250.50 * 12) / 7");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(toolNames(requestWith(message.content()))).containsAll(BUILTIN);
        ToolCallStarted started = events.events(thread, ToolCallStarted.class).get(0);
        assertThat(started.toolName()).isEqualTo("calculate");
        ToolCallCompleted result = events.events(thread, ToolCallCompleted.class).get(0);
        assertThat(result.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree(
                "{\"expression\":\"(1250.50 * 12) / 7\",\"result\":\"2143.714285714285714285714285714286\"}"));
        assertThat(completed.content()).contains("2143.714285714285714285714285714286");
    }

    @Test
    void a_refused_calculation_is_a_failed_tool_call_the_model_reads_and_the_turn_goes_on() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[tool:calculate]] 10 / (5 - 5)");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<ToolCallCompleted> results = events.events(thread, ToolCallCompleted.class);
        assertThat(results).isNotEmpty().allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(ToolCallCompleted.FAILED);
            assertThat(result.output()).startsWith("Error: cannot calculate 10 / (5 - 5): Division by zero");
        });
        JsonNode lastRequest = simulator.requests().get(simulator.requests().size() - 1);
        assertThat(lastRequest.toString()).contains("Division by zero");
        assertThat(completed.content()).isNotBlank();
    }

    @Test
    void the_current_time_is_told_in_the_zone_asked_for() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[tool:current_datetime]] what time is it in Asia/Tokyo?");

        events.awaitCompleted(thread, message.messageId());

        ToolCallCompleted result = events.events(thread, ToolCallCompleted.class).get(0);
        assertThat(result.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        JsonNode answer = JSON.readTree(result.output());
        assertThat(answer.path("time_zone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(answer.path("date_time").asText()).endsWith("+09:00");
        assertThat(answer.path("utc").asText()).endsWith("Z");
    }

    @Test
    void recall_finds_the_users_own_earlier_answers_in_any_thread_and_nobody_elses() throws Exception {
        Tenant tenant = new Tenant();
        ChatMessages user = new ChatMessages(json, messagesTopic, tenant.id);
        ChatMessages colleague = new ChatMessages(json, messagesTopic, tenant.id);
        ChatMessages stranger = new ChatMessages(json, messagesTopic);
        String earlierThread = ChatMessages.newThread();
        MessagePosted own = user.post(earlierThread, "[[text:Your parcel zorblax-7 ships on Monday.]] when does zorblax ship?");
        TurnCompleted ownAnswer = events.awaitCompleted(earlierThread, own.messageId());
        MessagePosted unrelated = user.post(earlierThread, "[[text:Noted.]] my favourite colour is teal");
        events.awaitCompleted(earlierThread, unrelated.messageId());
        String colleagueThread = ChatMessages.newThread();
        MessagePosted colleagues = colleague.post(colleagueThread, "[[text:Zorblax refunds take a week.]] zorblax refund?");
        events.awaitCompleted(colleagueThread, colleagues.messageId());
        String strangerThread = ChatMessages.newThread();
        MessagePosted strangers = stranger.post(strangerThread, "[[text:Zorblax is discontinued.]] zorblax news?");
        events.awaitCompleted(strangerThread, strangers.messageId());

        String thread = ChatMessages.newThread();
        MessagePosted recall = user.post(thread, "[[tool:recall_conversations]] zorblax shipping");
        events.awaitCompleted(thread, recall.messageId());

        ToolCallCompleted result = events.events(thread, ToolCallCompleted.class).get(0);
        assertThat(result.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        JsonNode matches = JSON.readTree(result.output()).path("matches");
        assertThat(matches).hasSize(1);
        JsonNode match = matches.get(0);
        assertThat(match.path("thread_id").asText()).isEqualTo(earlierThread);
        assertThat(match.path("this_conversation").asBoolean()).isFalse();
        assertThat(match.path("message_id").asText()).isEqualTo(own.messageId());
        assertThat(match.path("assistant_message_id").asText()).isEqualTo(ownAnswer.assistantMessageId());
        assertThat(match.path("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(match.path("question").asText()).contains("**zorblax**");
        assertThat(match.path("answer").asText()).contains("**zorblax**-7 **ships** on Monday");
        assertThat(result.output()).doesNotContain("refunds", "discontinued", recall.messageId());

        // A later turn of a thread finds the thread's earlier turns, marked as this conversation.
        MessagePosted again = user.post(earlierThread, "[[tool:recall_conversations]] teal");
        events.awaitCompleted(earlierThread, again.messageId());
        ToolCallCompleted second = events.events(earlierThread, ToolCallCompleted.class).get(0);
        assertThat(JSON.readTree(second.output()).path("matches")).singleElement().satisfies(found -> {
            assertThat(found.path("message_id").asText()).isEqualTo(unrelated.messageId());
            assertThat(found.path("this_conversation").asBoolean()).isTrue();
        });

        MessagePosted nothing = colleague.post(ChatMessages.newThread(), "[[tool:recall_conversations]] teal");
        TurnCompleted none = events.awaitCompleted(nothing.threadId(), nothing.messageId());
        assertThat(events.events(nothing.threadId(), ToolCallCompleted.class).get(0).output())
                .isEqualTo("No earlier conversation of this user matches \"teal\".");
        assertThat(none.content()).isNotBlank();
    }

    @Test
    void an_agent_whose_tools_leave_them_out_is_not_offered_them_and_cannot_call_them() {
        Tenant tenant = new Tenant();
        tenant.agent("charts", List.of("create_chart_artifact"));
        tenant.agent("maths", List.of("calculate"));
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant.id);

        String thread = ChatMessages.newThread();
        MessagePosted charts = chat.postForAgent(thread, "[[tool:calculate]] six times seven please", "charts");
        TurnCompleted chartsAnswer = events.awaitCompleted(thread, charts.messageId());
        assertThat(toolNames(requestWith(charts.content()))).containsExactly("create_chart_artifact");
        assertThat(events.events(thread, ToolCallStarted.class)).isEmpty();
        assertThat(chartsAnswer.content()).doesNotContain("42");

        String mathsThread = ChatMessages.newThread();
        MessagePosted maths = chat.postForAgent(mathsThread, "[[tool:calculate]] 6 * 7", "maths");
        events.awaitCompleted(mathsThread, maths.messageId());
        assertThat(toolNames(requestWith(maths.content()))).containsExactly("calculate");
        assertThat(events.events(mathsThread, ToolCallCompleted.class).get(0).output()).contains("\"result\":\"42\"");
    }

    private JsonNode requestWith(String marker) {
        return simulator.requests().stream().filter(request -> request.toString().contains(marker)).findFirst().orElseThrow();
    }

    private static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }

    /** A fresh tenant with its admin, who sets up agents. */
    private final class Tenant {
        final String id = "tenant-" + UUID.randomUUID();
        final ApiCaller admin = new ApiCaller(http, jwks.token(id, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));

        void agent(String slug, List<String> tools) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("slug", slug);
            agent.put("name", slug);
            agent.put("system_prompt", "You are " + slug + ".");
            agent.put("tools", tools);
            admin.send(HttpRequest.POST("/api/agents", agent));
        }
    }
}
