package dev.agenticchat.gateway.fanout;

import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.DocumentIngestionFailed;
import dev.agenticchat.contracts.events.DocumentIndexed;
import dev.agenticchat.contracts.events.DocumentIngestionProgress;
import dev.agenticchat.contracts.events.DocumentIngestionStarted;
import dev.agenticchat.contracts.events.ArtifactShared;
import dev.agenticchat.contracts.events.ArtifactDeleted;
import dev.agenticchat.contracts.events.ArtifactUpdated;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ReasoningDelta;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.gateway.ws.ServerFrame;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Set;

/**
 * What clients see of each event: the frames of DESIGN.md §5, carrying the CloudEvent id as
 * {@code event_id}. A completed turn becomes two frames, the answer and the turn's usage;
 * the second one's id is {@code <id>:completed} so each frame keeps a distinct id. A tool
 * call that made an artifact becomes {@code tool_execution} and {@code artifact_created}
 * ({@code <id>:artifact}), so it comes after the call and before the answer wherever
 * artifact-service's relay happens to be; artifact-service's own ArtifactCreated is shown
 * only for artifacts made outside a turn.
 */
final class EventFrames {
    static final Set<String> TYPES = Set.of(TurnStarted.TYPE, TextDelta.TYPE, ReasoningDelta.TYPE, ToolCallStarted.TYPE,
            ToolCallCompleted.TYPE, TurnCompleted.TYPE, TurnFailed.TYPE, ArtifactCreated.TYPE, ArtifactUpdated.TYPE,
            ArtifactDeleted.TYPE, ArtifactShared.TYPE, MessagePosted.TYPE, DocumentIngestionStarted.TYPE,
            DocumentIngestionProgress.TYPE, DocumentIndexed.TYPE, DocumentIngestionFailed.TYPE);
    /** Events about a user rather than a thread: sent to all of that user's sessions. */
    static final Set<String> USER_TYPES = Set.of(DocumentIngestionStarted.TYPE, DocumentIngestionProgress.TYPE,
            DocumentIndexed.TYPE, DocumentIngestionFailed.TYPE);
    static final String COMPLETED_SUFFIX = ":completed";
    static final String ARTIFACT_SUFFIX = ":artifact";

    private EventFrames() {
    }

    static List<ServerFrame> of(String eventId, @Nullable String threadId, DomainEvent event) {
        if (event instanceof TurnStarted e) {
            return List.of(new ServerFrame.TurnStarted(threadId, eventId, e.turnId(), e.messageId()));
        } else if (event instanceof TextDelta e) {
            return List.of(new ServerFrame.TextDelta(threadId, eventId, e.turnId(), e.seq(), e.delta()));
        } else if (event instanceof ReasoningDelta e) {
            return List.of(new ServerFrame.Reasoning(threadId, eventId, e.turnId(), e.seq(), e.content()));
        } else if (event instanceof ToolCallStarted e) {
            return List.of(new ServerFrame.ToolExecution(threadId, eventId, e.turnId(), e.toolCallId(), e.toolName(),
                    "started", e.input(), null));
        } else if (event instanceof ToolCallCompleted e) {
            ServerFrame.ToolExecution done = new ServerFrame.ToolExecution(threadId, eventId, e.turnId(), e.toolCallId(),
                    e.toolName(), e.status(), null, e.output());
            // The artifact rides on the turn's own partition, so it reaches the client before the answer.
            if (e.artifact() == null) {
                return List.of(done);
            }
            ServerFrame artifact = e.artifact().version() > 1
                    ? new ServerFrame.ArtifactUpdated(threadId, eventId + ARTIFACT_SUFFIX, e.artifact(), e.artifact().version() - 1)
                    : new ServerFrame.ArtifactCreated(threadId, eventId + ARTIFACT_SUFFIX, e.artifact());
            return List.of(done, artifact);
        } else if (event instanceof TurnCompleted e) {
            return List.of(
                    new ServerFrame.AssistantMessage(threadId, eventId, e.turnId(), e.assistantMessageId(), e.content(),
                            e.artifactIds() == null ? List.of() : e.artifactIds(),
                            e.citations() == null ? List.of() : e.citations()),
                    new ServerFrame.TurnDone(threadId, eventId + COMPLETED_SUFFIX, e.turnId(), e.usage(), e.cost()));
        } else if (event instanceof TurnFailed e) {
            return List.of(new ServerFrame.TurnFailed(threadId, eventId, e.turnId(), e.code(), e.message()));
        } else if (event instanceof ArtifactCreated e) {
            // An artifact made by a turn is shown with its tool call (above), in the turn's order.
            return e.artifact().turnId() != null ? List.of()
                    : List.of(new ServerFrame.ArtifactCreated(threadId, eventId, e.artifact()));
        } else if (event instanceof ArtifactUpdated e) {
            // A turn's update is shown with its tool call, like a turn's new artifact.
            return e.artifact().turnId() != null ? List.of()
                    : List.of(new ServerFrame.ArtifactUpdated(threadId, eventId, e.artifact(), e.previousVersion()));
        } else if (event instanceof ArtifactDeleted e) {
            return List.of(new ServerFrame.ArtifactDeleted(threadId, eventId, e.artifactId()));
        } else if (event instanceof ArtifactShared e) {
            return List.of(new ServerFrame.ArtifactShared(threadId, eventId, e.artifactId(), e.shareId(),
                    e.expiresAt() == null ? null : e.expiresAt().toString()));
        } else if (event instanceof DocumentIngestionStarted e) {
            return List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "started",
                    e.filename(), null, null, null));
        } else if (event instanceof DocumentIngestionProgress e) {
            return List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "progress",
                    null, e.chunksEmbedded(), e.chunksTotal(), null));
        } else if (event instanceof DocumentIndexed e) {
            return List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "indexed",
                    null, e.chunkCount(), e.chunkCount(), null));
        } else if (event instanceof DocumentIngestionFailed e) {
            return List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "failed",
                    null, null, null, e.reason()));
        } else if (event instanceof MessagePosted e) {
            return List.of(new ServerFrame.UserMessage(threadId, eventId, e.messageId(), e.clientMessageId(), e.content(),
                    e.createdAt() == null ? null : e.createdAt().toString(), false));
        }
        // Commands (CancelTurn, IngestDocument), summaries, mail and identity events are not shown to clients.
        return List.of();
    }
}
