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
import java.util.Map;
import java.util.Set;

/**
 * What clients see of each event: the server frames of docs/client-protocol.md ("Server →
 * client"), carrying the CloudEvent id as {@code event_id}. A completed turn becomes two frames,
 * the answer and the turn's usage; the second one's id is {@code <id>:completed} so each frame
 * keeps a distinct id. A tool call that made an artifact becomes {@code tool_execution} and
 * {@code artifact_created} ({@code <id>:artifact}), so it comes after the call and before the answer
 * wherever artifact-service's relay happens to be; artifact-service's own ArtifactCreated is shown
 * only for artifacts made outside a turn.
 */
public final class EventFrames {
    /** One mapping per event type shown to clients, found by the type; commands, summaries, mail and identity events have none. */
    private static final Map<String, Mapping<?>> BY_TYPE = Map.ofEntries(
            mapping(TurnStarted.TYPE, TurnStarted.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.TurnStarted(threadId, eventId, seq, e.turnId(), e.messageId()))),
            mapping(TextDelta.TYPE, TextDelta.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.TextDelta(threadId, eventId, seq, e.turnId(), e.delta()))),
            mapping(ReasoningDelta.TYPE, ReasoningDelta.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.Reasoning(threadId, eventId, seq, e.turnId(), e.content()))),
            mapping(ToolCallStarted.TYPE, ToolCallStarted.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.ToolExecution(threadId, eventId, seq, e.turnId(), e.toolCallId(), e.toolName(),
                            "started", e.input(), null))),
            mapping(ToolCallCompleted.TYPE, ToolCallCompleted.class, EventFrames::toolCallCompleted),
            mapping(TurnCompleted.TYPE, TurnCompleted.class, EventFrames::turnCompleted),
            mapping(TurnFailed.TYPE, TurnFailed.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.TurnFailed(threadId, eventId, seq, e.turnId(), e.code(), e.message()))),
            // An artifact made by a turn is shown with its tool call, in the turn's order.
            mapping(ArtifactCreated.TYPE, ArtifactCreated.class, (eventId, threadId, seq, e) -> e.artifact().turnId() != null ? List.of()
                    : List.of(new ServerFrame.ArtifactCreated(threadId, eventId, seq, e.artifact()))),
            // A turn's update is shown with its tool call, like a turn's new artifact.
            mapping(ArtifactUpdated.TYPE, ArtifactUpdated.class, (eventId, threadId, seq, e) -> e.artifact().turnId() != null ? List.of()
                    : List.of(new ServerFrame.ArtifactUpdated(threadId, eventId, seq, e.artifact(), e.previousVersion()))),
            mapping(ArtifactDeleted.TYPE, ArtifactDeleted.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.ArtifactDeleted(threadId, eventId, e.artifactId()))),
            mapping(ArtifactShared.TYPE, ArtifactShared.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.ArtifactShared(threadId, eventId, e.artifactId(), e.shareId(),
                            e.expiresAt() == null ? null : e.expiresAt().toString()))),
            mapping(MessagePosted.TYPE, MessagePosted.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.UserMessage(threadId, eventId, e.messageId(), e.clientMessageId(), e.content(),
                            e.createdAt() == null ? null : e.createdAt().toString(), false, e.attachedFiles()))),
            mapping(DocumentIngestionStarted.TYPE, DocumentIngestionStarted.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "started",
                            e.filename(), null, null, null))),
            mapping(DocumentIngestionProgress.TYPE, DocumentIngestionProgress.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "progress",
                            null, e.chunksEmbedded(), e.chunksTotal(), null))),
            mapping(DocumentIndexed.TYPE, DocumentIndexed.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "indexed",
                            null, e.chunkCount(), e.chunkCount(), null))),
            mapping(DocumentIngestionFailed.TYPE, DocumentIngestionFailed.class, (eventId, threadId, seq, e) ->
                    List.of(new ServerFrame.DocumentProgress(eventId, e.documentId(), e.knowledgeBaseId(), "failed",
                            null, null, null, e.reason()))));

    public static final Set<String> TYPES = BY_TYPE.keySet();
    /** Events about a user rather than a thread: sent to all of that user's sessions. */
    static final Set<String> USER_TYPES = Set.of(DocumentIngestionStarted.TYPE, DocumentIngestionProgress.TYPE,
            DocumentIndexed.TYPE, DocumentIngestionFailed.TYPE);
    static final String COMPLETED_SUFFIX = ":completed";
    static final String ARTIFACT_SUFFIX = ":artifact";

    private EventFrames() {
    }

    /** The frames one event of type {@code E} becomes. */
    @FunctionalInterface
    private interface FrameMapper<E extends DomainEvent> {
        List<ServerFrame> frames(String eventId, @Nullable String threadId, @Nullable Long seq, E event);
    }

    private record Mapping<E extends DomainEvent>(Class<E> eventClass, FrameMapper<E> mapper) {
        List<ServerFrame> frames(String eventId, @Nullable String threadId, @Nullable Long seq, DomainEvent event) {
            return mapper.frames(eventId, threadId, seq, eventClass.cast(event));
        }
    }

    private static <E extends DomainEvent> Map.Entry<String, Mapping<?>> mapping(String type, Class<E> eventClass,
                                                                                FrameMapper<E> mapper) {
        return Map.entry(type, new Mapping<>(eventClass, mapper));
    }

    /**
     * {@code seq}: the first frame's place in the thread's stream (null for events that are not
     * replayed); a second frame of the same event gets the next number.
     */
    public static List<ServerFrame> of(String eventId, @Nullable String threadId, @Nullable Long seq, DomainEvent event) {
        Mapping<?> mapping = BY_TYPE.get(event.eventType());
        return mapping == null ? List.of() : mapping.frames(eventId, threadId, seq, event);
    }

    private static List<ServerFrame> toolCallCompleted(String eventId, @Nullable String threadId, @Nullable Long seq,
                                                       ToolCallCompleted e) {
        ServerFrame.ToolExecution done = new ServerFrame.ToolExecution(threadId, eventId, seq, e.turnId(), e.toolCallId(),
                e.toolName(), e.status(), null, e.output());
        // The artifact rides on the turn's own partition, so it reaches the client before the answer.
        if (e.artifact() == null) {
            return List.of(done);
        }
        ServerFrame artifact = e.artifact().version() > 1
                ? new ServerFrame.ArtifactUpdated(threadId, eventId + ARTIFACT_SUFFIX, next(seq), e.artifact(), e.artifact().version() - 1)
                : new ServerFrame.ArtifactCreated(threadId, eventId + ARTIFACT_SUFFIX, next(seq), e.artifact());
        return List.of(done, artifact);
    }

    private static List<ServerFrame> turnCompleted(String eventId, @Nullable String threadId, @Nullable Long seq, TurnCompleted e) {
        return List.of(
                new ServerFrame.AssistantMessage(threadId, eventId, seq, e.turnId(), e.assistantMessageId(), e.content(),
                        e.artifactIds() == null ? List.of() : e.artifactIds(),
                        e.citations() == null ? List.of() : e.citations()),
                new ServerFrame.TurnDone(threadId, eventId + COMPLETED_SUFFIX, next(seq), e.turnId(), e.usage(), e.cost()));
    }

    @Nullable
    private static Long next(@Nullable Long seq) {
        return seq == null ? null : seq + 1;
    }
}
