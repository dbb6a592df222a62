package dev.agenticchat.agent.llm;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.ArtifactServiceStandIn;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.events.AgentEvent;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ReasoningDelta;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.simulator.Authorization;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.simulator.SimulatorConfig;
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
 * Agents of both providers on one simulator, which speaks OpenAI's chat completions and
 * Anthropic's Messages API: each turn's calls go to its agent's provider with its persona,
 * model and tools; reasoning streams as ReasoningDelta when the agent shows it; a failing
 * provider hands the call to a fallback of the other provider.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvidersIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "providers-it-" + UUID.randomUUID();
    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final ArtifactServiceStandIn artifactService = ArtifactServiceStandIn.start(SERVICE_TOKEN);
    private final String messagesTopic = TestKafka.createTopic("providers-it.chat.messages", 3);
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
        properties.put("agent.llm.anthropic.base-url", simulator.baseUrl());
        properties.put("agent.llm.anthropic.api-key", "sim-anthropic-key");
        properties.put("agent.llm.retry-backoff", "50ms");
        properties.put("micronaut.http.services.artifact-service.url", artifactService.url());
        properties.put("agentic.service-credentials.token", SERVICE_TOKEN);
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        artifactService.close();
        simulator.close();
        jwks.close();
    }

    @Test
    void an_anthropic_agent_answers_through_the_messages_api_with_its_persona_model_and_tools() {
        Tenant tenant = new Tenant();
        tenant.agent("claude", "anthropic", "claude-sim", "You are Claude the chart maker.", false);
        String thread = ChatMessages.newThread();

        MessagePosted message = tenant.chat.postForAgent(thread, "[[tool:create_chart_artifact]] chart our quarterly sales", "claude");
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        List<JsonNode> calls = requestsWith("chart our quarterly sales");
        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.path("api").asText()).isEqualTo("anthropic");
            assertThat(call.path("model").asText()).isEqualTo("claude-sim");
            assertThat(call.path("messages").get(0).path("content").asText()).isEqualTo("You are Claude the chart maker.");
        });
        assertThat(toolNames(calls.get(0))).containsExactly("create_chart_artifact");
        assertThat(artifactService.forThread(thread)).extracting(ArtifactServiceStandIn.Received::status).containsExactly(201);
        assertThat(completed.artifactIds()).hasSize(1);
        assertThat(completed.usage().inputTokens()).isPositive();
        assertThat(completed.usage().outputTokens()).isPositive();
        assertThat(query("SELECT r.provider, r.model, r.status, r.input_tokens FROM agent.llm_requests r"
                + " JOIN agent.turns t ON t.id = r.turn_id WHERE t.message_id = ? ORDER BY r.step", message.messageId()))
                .hasSize(2).allSatisfy(row -> assertThat(row).containsEntry("provider", "anthropic")
                        .containsEntry("model", "claude-sim").containsEntry("status", "ok"));
    }

    @Test
    void reasoning_streams_before_the_answer_for_agents_that_show_it_and_not_for_others() {
        Tenant tenant = new Tenant();
        tenant.agent("thinker", "openai", "sim-1", "You think aloud.", true);
        tenant.agent("quiet", "openai", "sim-1", "You keep your thoughts.", false);
        tenant.agent("claude", "anthropic", "claude-sim", "You think, then answer.", true);
        String thinking = ChatMessages.newThread();
        String quiet = ChatMessages.newThread();
        String claude = ChatMessages.newThread();

        MessagePosted toThinker = tenant.chat.postForAgent(thinking, "[[reasoning:Pro fits a team of five.]] [[text:Take Pro.]] which plan", "thinker");
        MessagePosted toQuiet = tenant.chat.postForAgent(quiet, "[[reasoning:Nobody sees this.]] [[text:Take Pro.]] which plan", "quiet");
        MessagePosted toClaude = tenant.chat.postForAgent(claude, "[[reasoning:Claude weighs the plans.]] [[text:Take Team.]] which plan", "claude");
        events.awaitCompleted(thinking, toThinker.messageId());
        events.awaitCompleted(quiet, toQuiet.messageId());
        TurnCompleted claudeAnswer = events.awaitCompleted(claude, toClaude.messageId());

        assertThat(reasoning(thinking)).isEqualTo("Pro fits a team of five.");
        List<AgentEvent> stream = events.events(thinking).stream()
                .filter(event -> event instanceof ReasoningDelta || event instanceof TextDelta).toList();
        assertThat(stream.get(0)).isInstanceOf(ReasoningDelta.class);
        assertThat(stream.get(stream.size() - 1)).isInstanceOf(TextDelta.class);
        assertThat(events.events(quiet, ReasoningDelta.class)).isEmpty();
        assertThat(events.events(quiet, TextDelta.class)).isNotEmpty();
        assertThat(reasoning(claude)).isEqualTo("Claude weighs the plans.");
        assertThat(claudeAnswer.content()).isEqualTo("Take Team.");
        assertThat(requestsWith("Claude weighs the plans.").get(0).path("api").asText()).isEqualTo("anthropic");
    }

    @Test
    void an_overloaded_anthropic_model_hands_the_call_to_an_openai_fallback() {
        Tenant tenant = new Tenant();
        Map<String, Object> claude = tenant.agentFields("claude", "anthropic", "claude-sim", "You are Claude.", false);
        claude.put("fallbacks", List.of(Map.of("provider", "openai", "model", "sim-backup")));
        tenant.admin.send(HttpRequest.POST("/api/agents", claude));
        String thread = ChatMessages.newThread();

        simulator.configure(new SimulatorConfig(0, 0, 1, 529));
        MessagePosted message;
        try {
            message = tenant.chat.postForAgent(thread, "[[text:The backup answers.]] are you there", "claude");
            assertThat(events.awaitCompleted(thread, message.messageId()).content()).isEqualTo("The backup answers.");
        } finally {
            simulator.configure(SimulatorConfig.defaults());
        }

        assertThat(requestsWith("are you there")).extracting(call -> call.path("api").asText() + " " + call.path("model").asText())
                .containsExactly("anthropic claude-sim", "openai sim-backup");
        assertThat(query("SELECT r.provider, r.status FROM agent.llm_requests r JOIN agent.turns t ON t.id = r.turn_id"
                + " WHERE t.message_id = ? ORDER BY r.created_at", message.messageId()))
                .extracting(row -> row.get("provider") + " " + row.get("status")).containsExactly("anthropic error", "openai ok");
    }

    @Test
    void a_turn_uses_the_agents_own_key_else_the_tenants_else_the_operators() {
        Tenant tenant = new Tenant();
        Tenant other = new Tenant();
        tenant.agent("claude", "anthropic", "claude-sim", "You are Claude.", false);
        other.agent("claude", "anthropic", "claude-sim", "You are Claude.", false);
        tenant.admin.send(HttpRequest.PUT("/api/credentials/anthropic", Map.of("api_key", "sk-ant-tenant-key-1")));

        assertThat(keyOfTurn(tenant, "first question")).isEqualTo(Authorization.fingerprintOf("sk-ant-tenant-key-1"));
        tenant.admin.send(HttpRequest.PUT("/api/agents/claude/credentials/anthropic", Map.of("api_key", "sk-ant-agent-key-2")));
        assertThat(keyOfTurn(tenant, "second question")).isEqualTo(Authorization.fingerprintOf("sk-ant-agent-key-2"));
        assertThat(keyOfTurn(other, "third question")).isEqualTo(Authorization.fingerprintOf("sim-anthropic-key"));
        assertThat(tenant.admin.items("/api/audit/logs?type=credential.set")).extracting(entry -> entry.get("summary"))
                .containsExactly("set agent claude's anthropic credential", "set the tenant's anthropic credential");
    }

    private String keyOfTurn(Tenant tenant, String question) {
        String thread = ChatMessages.newThread();
        MessagePosted message = tenant.chat.postForAgent(thread, "[[text:Answered.]] " + question, "claude");
        events.awaitCompleted(thread, message.messageId());
        return requestsWith(question).get(0).path("api_key_sha256").asText();
    }

    private String reasoning(String thread) {
        StringBuilder text = new StringBuilder();
        events.events(thread, ReasoningDelta.class).forEach(delta -> text.append(delta.content()));
        return text.toString();
    }

    private List<JsonNode> requestsWith(String marker) {
        return simulator.requests().stream().filter(request -> request.toString().contains(marker)).toList();
    }

    private static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }

    /** A fresh tenant with its admin and a chat-service stand-in posting its users' messages. */
    private final class Tenant {
        final String id = "tenant-" + UUID.randomUUID();
        final ApiCaller admin = new ApiCaller(http, jwks.token(id, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        final ChatMessages chat = new ChatMessages(json, messagesTopic, id);

        void agent(String slug, String provider, String model, String persona, boolean reasoning) {
            admin.send(HttpRequest.POST("/api/agents", agentFields(slug, provider, model, persona, reasoning)));
        }

        Map<String, Object> agentFields(String slug, String provider, String model, String persona, boolean reasoning) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("slug", slug);
            agent.put("name", slug);
            agent.put("provider", provider);
            agent.put("model", model);
            agent.put("system_prompt", persona);
            agent.put("reasoning", reasoning);
            agent.put("tools", List.of("create_chart_artifact"));
            return agent;
        }
    }
}
