package dev.agenticchat.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.CancelTurn;
import dev.agenticchat.contracts.events.EventTypes;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ReasoningDelta;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.gateway.ws.ServerFrame;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFramesTest {
    private static final String THREAD = "thread-1";

    @Test
    void shows_every_event_type_clients_care_about_and_no_command() {
        assertThat(EventFrames.TYPES).containsExactlyInAnyOrderElementsOf(
                EventTypes.all().keySet().stream().filter(type -> !type.equals(CancelTurn.TYPE)).toList());
        assertThat(EventFrames.of("e", THREAD, new CancelTurn(THREAD, null))).isEmpty();
    }

    @Test
    void turns_tool_calls_into_tool_execution_frames() {
        assertThat(EventFrames.of("e1", THREAD, new ToolCallStarted("turn", THREAD, "call-1", "create_chart_artifact", "{\"title\":\"Q\"}")))
                .containsExactly(new ServerFrame.ToolExecution(THREAD, "e1", "turn", "call-1", "create_chart_artifact",
                        "started", "{\"title\":\"Q\"}", null));
        assertThat(EventFrames.of("e2", THREAD, new ToolCallCompleted("turn", THREAD, "call-1", "create_chart_artifact",
                ToolCallCompleted.FAILED, "labels and data differ in length", null)))
                .containsExactly(new ServerFrame.ToolExecution(THREAD, "e2", "turn", "call-1", "create_chart_artifact",
                        "failed", null, "labels and data differ in length"));
    }

    @Test
    void splits_a_completed_turn_into_the_answer_and_its_usage_with_distinct_event_ids() {
        TurnCompleted.Usage usage = new TurnCompleted.Usage(10, 5, 15, 2);
        TurnCompleted.Cost cost = new TurnCompleted.Cost(new BigDecimal("0.01"), "USD");
        TurnCompleted.Citation citation = new TurnCompleted.Citation("doc", "Policies", 3, "passage", 0.9);

        List<ServerFrame> frames = EventFrames.of("e3", THREAD, new TurnCompleted("turn", THREAD, "m-user", "m-answer", "Done",
                usage, cost, List.of("a-1"), List.of(citation), Instant.now()));

        assertThat(frames).containsExactly(
                new ServerFrame.AssistantMessage(THREAD, "e3", "turn", "m-answer", "Done", List.of("a-1"), List.of(citation)),
                new ServerFrame.TurnDone(THREAD, "e3:completed", "turn", usage, cost));
    }

    @Test
    void maps_reasoning_failures_artifacts_and_posted_messages() {
        ArtifactSnapshot fromTurn = new ArtifactSnapshot("a-1", "chart", "Sales", ArtifactSnapshot.FINAL, 1, THREAD, "turn",
                Map.of("title", "Sales"), Instant.parse("2025-01-01T00:00:00Z"));
        ArtifactSnapshot byHand = new ArtifactSnapshot("a-2", "chart", "Sales", ArtifactSnapshot.FINAL, 1, THREAD, null,
                Map.of("title", "Sales"), Instant.parse("2025-01-01T00:00:00Z"));
        Instant posted = Instant.parse("2025-01-01T00:00:01Z");

        assertThat(EventFrames.of("e4", THREAD, new ReasoningDelta("turn", THREAD, 2, "thinking")))
                .containsExactly(new ServerFrame.Reasoning(THREAD, "e4", "turn", 2, "thinking"));
        assertThat(EventFrames.of("e5", THREAD, new TurnFailed("turn", THREAD, "m", TurnFailed.TIMEOUT, "too slow", posted)))
                .containsExactly(new ServerFrame.TurnFailed(THREAD, "e5", "turn", "timeout", "too slow"));
        assertThat(EventFrames.of("e6", THREAD, new ArtifactCreated(byHand)))
                .containsExactly(new ServerFrame.ArtifactCreated(THREAD, "e6", byHand));
        assertThat(EventFrames.of("e6b", THREAD, new ArtifactCreated(fromTurn))).isEmpty();
        assertThat(EventFrames.of("e6c", THREAD, new ToolCallCompleted("turn", THREAD, "call-1", "create_chart_artifact",
                ToolCallCompleted.COMPLETED, "{}", fromTurn)))
                .containsExactly(new ServerFrame.ToolExecution(THREAD, "e6c", "turn", "call-1", "create_chart_artifact",
                        ToolCallCompleted.COMPLETED, null, "{}"), new ServerFrame.ArtifactCreated(THREAD, "e6c:artifact", fromTurn));
        assertThat(EventFrames.of("e7", THREAD, new MessagePosted("m", THREAD, "t", "u", "Hi", "c-1", posted)))
                .containsExactly(new ServerFrame.UserMessage(THREAD, "e7", "m", "c-1", "Hi", "2025-01-01T00:00:01Z", false));
    }
}
