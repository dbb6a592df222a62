package dev.agenticchat.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.AgentConfigChanged;
import dev.agenticchat.contracts.events.BudgetThresholdReached;
import dev.agenticchat.contracts.events.CancelTurn;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.contracts.events.DocumentIngestionFailed;
import dev.agenticchat.contracts.events.DocumentIndexed;
import dev.agenticchat.contracts.events.DocumentIngestionProgress;
import dev.agenticchat.contracts.events.ArtifactUpdated;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.contracts.events.EmailFailed;
import dev.agenticchat.contracts.events.EmailSent;
import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.contracts.events.IngestDocument;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFramesTest {
    private static final String THREAD = "thread-1";

    @Test
    void shows_every_event_type_clients_care_about_and_no_command() {
        Set<String> hidden = Set.of(CancelTurn.TYPE, IngestDocument.TYPE, SendEmail.TYPE, EmailSent.TYPE, EmailFailed.TYPE,
                UserLinked.TYPE, ErasureRequested.TYPE, ErasureCompleted.TYPE, ConversationSummarized.TYPE,
                AgentConfigChanged.TYPE, BudgetThresholdReached.TYPE);
        assertThat(EventFrames.TYPES).containsExactlyInAnyOrderElementsOf(
                EventTypes.all().keySet().stream().filter(type -> !hidden.contains(type)).toList());
        assertThat(EventFrames.of("e", THREAD, null, new CancelTurn(THREAD, null))).isEmpty();
    }

    @Test
    void turns_tool_calls_into_tool_execution_frames() {
        assertThat(EventFrames.of("e1", THREAD, 40L, new ToolCallStarted("turn", THREAD, "call-1", "create_chart_artifact", "{\"title\":\"Q\"}")))
                .containsExactly(new ServerFrame.ToolExecution(THREAD, "e1", 40L, "turn", "call-1", "create_chart_artifact",
                        "started", "{\"title\":\"Q\"}", null));
        assertThat(EventFrames.of("e2", THREAD, 40L, new ToolCallCompleted("turn", THREAD, "call-1", "create_chart_artifact",
                ToolCallCompleted.FAILED, "labels and data differ in length", null)))
                .containsExactly(new ServerFrame.ToolExecution(THREAD, "e2", 40L, "turn", "call-1", "create_chart_artifact",
                        "failed", null, "labels and data differ in length"));
    }

    @Test
    void splits_a_completed_turn_into_the_answer_and_its_usage_with_distinct_event_ids() {
        TurnCompleted.Usage usage = new TurnCompleted.Usage(10, 5, 15, 2);
        TurnCompleted.Cost cost = new TurnCompleted.Cost(new BigDecimal("0.01"), "USD");
        TurnCompleted.Citation citation = new TurnCompleted.Citation("doc", "Policies", 3, "passage", 0.9);

        List<ServerFrame> frames = EventFrames.of("e3", THREAD, 40L, new TurnCompleted("turn", THREAD, "m-user", "m-answer", "Done",
                usage, cost, List.of("a-1"), List.of(citation), Instant.now()));

        assertThat(frames).containsExactly(
                new ServerFrame.AssistantMessage(THREAD, "e3", 40L, "turn", "m-answer", "Done", List.of("a-1"), List.of(citation)),
                new ServerFrame.TurnDone(THREAD, "e3:completed", 41L, "turn", usage, cost));
    }

    @Test
    void maps_reasoning_failures_artifacts_and_posted_messages() {
        ArtifactSnapshot fromTurn = new ArtifactSnapshot("a-1", "chart", "Sales", ArtifactSnapshot.FINAL, 1, THREAD, "turn",
                Map.of("title", "Sales"), Instant.parse("2025-01-01T00:00:00Z"));
        ArtifactSnapshot byHand = new ArtifactSnapshot("a-2", "chart", "Sales", ArtifactSnapshot.FINAL, 1, THREAD, null,
                Map.of("title", "Sales"), Instant.parse("2025-01-01T00:00:00Z"));
        Instant posted = Instant.parse("2025-01-01T00:00:01Z");

        assertThat(EventFrames.of("e4", THREAD, 40L, new ReasoningDelta("turn", THREAD, 2, "thinking")))
                .containsExactly(new ServerFrame.Reasoning(THREAD, "e4", 40L, "turn", "thinking"));
        assertThat(EventFrames.of("e5", THREAD, 40L, new TurnFailed("turn", THREAD, "m", TurnFailed.TIMEOUT, "too slow", posted)))
                .containsExactly(new ServerFrame.TurnFailed(THREAD, "e5", 40L, "turn", "timeout", "too slow"));
        assertThat(EventFrames.of("e6", THREAD, null, new ArtifactCreated(byHand)))
                .containsExactly(new ServerFrame.ArtifactCreated(THREAD, "e6", null, byHand));
        assertThat(EventFrames.of("e6b", THREAD, null, new ArtifactCreated(fromTurn))).isEmpty();
        assertThat(EventFrames.of("e6c", THREAD, 40L, new ToolCallCompleted("turn", THREAD, "call-1", "create_chart_artifact",
                ToolCallCompleted.COMPLETED, "{}", fromTurn)))
                .containsExactly(new ServerFrame.ToolExecution(THREAD, "e6c", 40L, "turn", "call-1", "create_chart_artifact",
                        ToolCallCompleted.COMPLETED, null, "{}"), new ServerFrame.ArtifactCreated(THREAD, "e6c:artifact", 41L, fromTurn));
        assertThat(EventFrames.of("e7", THREAD, null, new MessagePosted("m", THREAD, "t", "u", "Hi", "c-1", posted)))
                .containsExactly(new ServerFrame.UserMessage(THREAD, "e7", "m", "c-1", "Hi", "2025-01-01T00:00:01Z", false, List.of()));
        MessagePosted.Attachment chart = new MessagePosted.Attachment("f-1", "chart.png", "image/png", "image", 64);
        assertThat(EventFrames.of("e8", THREAD, null, new MessagePosted("m", THREAD, "t", "u", "Hi", "c-1", posted, null, null,
                List.of(chart))))
                .containsExactly(new ServerFrame.UserMessage(THREAD, "e8", "m", "c-1", "Hi", "2025-01-01T00:00:01Z", false,
                        List.of(chart)));
    }

    @Test
    void shows_a_turns_update_of_an_artifact_as_artifact_updated_with_its_tool_call() {
        ArtifactSnapshot v2 = new ArtifactSnapshot("a-1", "chart", "Sales", "final", 2, THREAD, "turn", Map.of("title", "Sales"), Instant.EPOCH);
        assertThat(EventFrames.of("e9", THREAD, 40L, new ToolCallCompleted("turn", THREAD, "call-2", "update_artifact",
                ToolCallCompleted.COMPLETED, "version 2", v2)))
                .extracting(ServerFrame::type).containsExactly("tool_execution", "artifact_updated");
        assertThat(EventFrames.of("e10", THREAD, null, new ArtifactUpdated(v2, 1))).isEmpty();
        ArtifactSnapshot edited = new ArtifactSnapshot("a-1", "chart", "Sales", "final", 3, THREAD, null, Map.of("title", "Sales"), Instant.EPOCH);
        assertThat(EventFrames.of("e11", THREAD, null, new ArtifactUpdated(edited, 2)))
                .containsExactly(new ServerFrame.ArtifactUpdated(THREAD, "e11", null, edited, 2));
    }

    @Test
    void turns_ingestion_events_into_document_progress_frames() {
        assertThat(EventFrames.of("e12", null, null, new DocumentIngestionProgress("d-1", "kb-1", 32, 100)))
                .containsExactly(new ServerFrame.DocumentProgress("e12", "d-1", "kb-1", "progress", null, 32, 100, null));
        assertThat(EventFrames.of("e13", null, null, new DocumentIndexed("d-1", "kb-1", 100)))
                .containsExactly(new ServerFrame.DocumentProgress("e13", "d-1", "kb-1", "indexed", null, 100, 100, null));
        assertThat(EventFrames.of("e14", null, null, new DocumentIngestionFailed("d-1", "kb-1", "no text in the PDF")))
                .containsExactly(new ServerFrame.DocumentProgress("e14", "d-1", "kb-1", "failed", null, null, null, "no text in the PDF"));
        assertThat(EventFrames.USER_TYPES).contains(DocumentIndexed.TYPE);
    }
}
