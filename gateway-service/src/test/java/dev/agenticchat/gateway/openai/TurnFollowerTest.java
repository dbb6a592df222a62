package dev.agenticchat.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.gateway.ws.ServerFrame;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnFollowerTest {
    private static final String THREAD = "thread-1";
    private final List<String> seen = new ArrayList<>();
    private long seq;

    private final TurnFollower.Sink sink = new TurnFollower.Sink() {
        @Override
        public void started(String turnId) {
            seen.add("started " + turnId);
        }

        @Override
        public void text(String delta) {
            seen.add("text " + delta);
        }

        @Override
        public void artifact(ArtifactSnapshot artifact) {
            seen.add("artifact " + artifact.id());
        }

        @Override
        public void answer(String content, List<String> artifactIds) {
            seen.add("answer " + content + " " + artifactIds);
        }

        @Override
        public void completed(TurnCompleted.Usage usage) {
            seen.add("completed " + usage.totalTokens());
        }

        @Override
        public void failed(String code, String message) {
            seen.add("failed " + code);
        }
    };

    private String id() {
        return "event-" + (++seq);
    }

    private static ArtifactSnapshot artifact(String id, String turnId) {
        return new ArtifactSnapshot(id, "chart", "Chart", "draft", 1, THREAD, turnId, Map.of(), Instant.now());
    }

    @Test
    void passes_on_only_the_turn_that_answers_its_message() {
        TurnFollower follower = new TurnFollower("message-2", sink);
        // The thread's earlier turn (another request's, or the web app's) is none of this completion's business.
        follower.accept(new ServerFrame.TextDelta(THREAD, id(), seq, "turn-0", "stale"));
        follower.accept(new ServerFrame.TurnStarted(THREAD, id(), seq, "turn-1", "message-1"));
        follower.accept(new ServerFrame.TextDelta(THREAD, id(), seq, "turn-1", "not ours"));
        follower.accept(new ServerFrame.TurnFailed(THREAD, id(), seq, "turn-1", "cancelled", "Stopped."));
        follower.accept(new ServerFrame.TurnStarted(THREAD, id(), seq, "turn-2", "message-2"));
        follower.accept(new ServerFrame.ToolExecution(THREAD, id(), seq, "turn-2", "call-1", "create_chart_artifact", "started",
                "{}", null));
        follower.accept(new ServerFrame.TextDelta(THREAD, id(), seq, "turn-2", "Here"));
        follower.accept(new ServerFrame.ArtifactCreated(THREAD, id(), seq, artifact("art-2", "turn-2")));
        follower.accept(new ServerFrame.ArtifactCreated(THREAD, id(), null, artifact("art-x", null)));
        follower.accept(new ServerFrame.AssistantMessage(THREAD, id(), seq, "turn-2", "answer-2", "Here", List.of("art-2"), List.of()));
        follower.accept(new ServerFrame.TurnDone(THREAD, id(), seq, "turn-2", new TurnCompleted.Usage(5, 2, 7, 1),
                new TurnCompleted.Cost(BigDecimal.ZERO, "USD")));

        assertThat(seen).containsExactly("started turn-2", "text Here", "artifact art-2", "answer Here [art-2]", "completed 7");
    }

    @Test
    void a_failure_of_its_turn_is_passed_on() {
        TurnFollower follower = new TurnFollower("message-3", sink);
        follower.accept(new ServerFrame.TurnStarted(THREAD, id(), seq, "turn-3", "message-3"));
        follower.accept(new ServerFrame.TurnFailed(THREAD, id(), seq, "turn-3", "budget_exceeded", "Used up."));

        assertThat(seen).containsExactly("started turn-3", "failed budget_exceeded");
    }
}
