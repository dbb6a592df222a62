package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.e2e.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One turn is one trace: from the gateway's WebSocket frame through chat-service, Kafka, the agent
 * worker's turn, model call and tool call, artifact-service, and back to the gateway's fan-out, as
 * the services export it over OTLP to a receiver in this JVM.
 */
class TraceE2EIT {
    private static final Duration TURN = Duration.ofSeconds(60);
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void the_spans_of_a_turn_that_creates_an_artifact_share_one_trace_across_the_services_with_consistent_parents() {
        Api.Session session = api.anonymousSession();
        String threadId;
        try (WsClient ws = WsClient.authenticated(suite, session.accessToken())) {
            ws.send(Map.of("type", "user_message", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[tool:create_chart_artifact]] chart our quarterly sales"));
            threadId = ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            ws.awaitType("turn_completed", TURN);
            JsonNode artifact = ws.received().stream().filter(f -> f.path("type").asText().equals("artifact_created"))
                    .findFirst().orElseThrow();
            assertThat(artifact.path("artifact").path("id").asText()).isNotBlank();
        }

        String traceId = await().atMost(Duration.ofSeconds(20)).until(() -> suite.traces().spans().stream()
                .filter(s -> s.name().startsWith("invoke_agent") && threadId.equals(s.attributes().get("agentic.thread_id")))
                .map(ReceivedSpan::traceId).findFirst().orElse(null), id -> id != null);

        // Spans arrive in batches from six processes: wait until the whole turn is in, then check its shape.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = suite.traces().trace(traceId);
            assertThat(trace).extracting(ReceivedSpan::service)
                    .contains("gateway-service", "chat-service", "agent-service", "artifact-service");
            assertThat(trace).anySatisfy(s -> assertThat(s.service() + " " + s.kind() + " " + s.name())
                    .isEqualTo("agent-service SPAN_KIND_INTERNAL execute_tool create_chart_artifact"));
            assertThat(trace).anySatisfy(s -> assertThat(s.service() + " " + s.kind())
                    .isEqualTo("artifact-service SPAN_KIND_SERVER"));
            assertThat(trace).anySatisfy(s -> assertThat(s.service() + " " + s.kind() + " " + s.attributes().get("cloudevents.event_type"))
                    .isEqualTo("gateway-service SPAN_KIND_CONSUMER dev.agenticchat.artifact.created"));
            assertThat(trace).anySatisfy(s -> assertThat(s.service() + " " + s.kind() + " " + s.attributes().get("cloudevents.event_type"))
                    .isEqualTo("gateway-service SPAN_KIND_CONSUMER dev.agenticchat.agent.turn.completed"));
            Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
            assertThat(trace.stream().filter(s -> !s.isRoot() && !ids.contains(s.parentSpanId())).toList())
                    .as("spans whose parent is not in the trace").isEmpty();
        });

        List<ReceivedSpan> trace = suite.traces().trace(traceId);
        assertThat(trace.stream().filter(ReceivedSpan::isRoot).toList()).singleElement()
                .satisfies(root -> assertThat(root.service() + " " + root.name()).isEqualTo("gateway-service WebSocket user_message"));
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s));

        // The path of the turn, each hop a descendant of the one before.
        ReceivedSpan chatServer = only(trace, s -> s.service().equals("chat-service") && s.kind().equals("SPAN_KIND_SERVER")
                && s.attributes().getOrDefault("http.request.method", "").equals("POST"));
        ReceivedSpan agentConsumer = only(trace, s -> s.service().equals("agent-service") && s.kind().equals("SPAN_KIND_CONSUMER")
                && "dev.agenticchat.chat.message.posted".equals(s.attributes().get("cloudevents.event_type")));
        ReceivedSpan turn = only(trace, s -> s.name().startsWith("invoke_agent"));
        ReceivedSpan tool = only(trace, s -> s.name().equals("execute_tool create_chart_artifact"));
        ReceivedSpan artifactServer = only(trace, s -> s.service().equals("artifact-service") && s.kind().equals("SPAN_KIND_SERVER"));
        assertThat(ancestors(chatServer, byId)).anySatisfy(a -> assertThat(a.name()).isEqualTo("WebSocket user_message"));
        assertThat(ancestors(agentConsumer, byId)).contains(chatServer);
        assertThat(turn.parentSpanId()).isEqualTo(agentConsumer.spanId());
        assertThat(tool.parentSpanId()).isEqualTo(turn.spanId());
        assertThat(ancestors(artifactServer, byId)).contains(tool);
        ReceivedSpan fanOut = only(trace, s -> s.service().equals("gateway-service") && s.kind().equals("SPAN_KIND_CONSUMER")
                && "dev.agenticchat.artifact.created".equals(s.attributes().get("cloudevents.event_type")));
        assertThat(ancestors(fanOut, byId)).contains(artifactServer);

        List<ReceivedSpan> modelCalls = trace.stream().filter(s -> s.name().startsWith("chat ")).toList();
        assertThat(modelCalls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.service()).isEqualTo("agent-service");
            assertThat(call.kind()).isEqualTo("SPAN_KIND_CLIENT");
            assertThat(call.parentSpanId()).isEqualTo(turn.spanId());
            assertThat(call.attributes()).containsKeys("gen_ai.provider.name", "gen_ai.request.model");
            assertThat(Long.parseLong(call.attributes().get("gen_ai.usage.input_tokens"))).isPositive();
            assertThat(Long.parseLong(call.attributes().get("gen_ai.usage.output_tokens"))).isPositive();
        });
        assertThat(suite.traces().rejected()).isEmpty();
    }

    @Test
    void a_message_posted_over_http_through_the_gateway_starts_the_trace_at_the_gateway_and_continues_in_chat_and_agent() {
        Api.Session session = api.anonymousSession();
        Api.Response posted = api.post("/api/messages", session.accessToken(),
                Map.of("content", "[[text:Noted.]] over HTTP", "client_message_id", UUID.randomUUID().toString()));
        assertThat(posted.status()).isIn(200, 201);
        String threadId = posted.body().path("message").path("thread_id").asText();
        assertThat(threadId).isNotBlank();

        String traceId = await().atMost(TURN).until(() -> suite.traces().spans().stream()
                .filter(s -> s.name().startsWith("invoke_agent") && threadId.equals(s.attributes().get("agentic.thread_id")))
                .map(ReceivedSpan::traceId).findFirst().orElse(null), id -> id != null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = suite.traces().trace(traceId);
            assertThat(trace.stream().filter(ReceivedSpan::isRoot).toList()).singleElement()
                    .satisfies(root -> assertThat(root.service() + " " + root.kind() + " " + root.attributes().get("url.path"))
                            .isEqualTo("gateway-service SPAN_KIND_SERVER /api/messages"));
            Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s));
            ReceivedSpan chatServer = only(trace, s -> s.service().equals("chat-service") && s.kind().equals("SPAN_KIND_SERVER"));
            assertThat(ancestors(chatServer, byId)).extracting(ReceivedSpan::service).contains("gateway-service");
            ReceivedSpan turn = only(trace, s -> s.name().startsWith("invoke_agent"));
            assertThat(ancestors(turn, byId)).contains(chatServer);
        });
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, java.util.function.Predicate<ReceivedSpan> which) {
        List<ReceivedSpan> matching = trace.stream().filter(which).toList();
        assertThat(matching).as("spans matching in " + trace).hasSize(1);
        return matching.get(0);
    }

    private static List<ReceivedSpan> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
        List<ReceivedSpan> chain = new java.util.ArrayList<>();
        for (ReceivedSpan parent = byId.get(span.parentSpanId()); parent != null; parent = byId.get(parent.parentSpanId())) {
            chain.add(parent);
        }
        return chain;
    }
}
