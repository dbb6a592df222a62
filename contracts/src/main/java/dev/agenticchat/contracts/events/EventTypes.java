package dev.agenticchat.contracts.events;

import java.util.Map;
import java.util.Optional;

/** Maps the CloudEvents {@code type} attribute to the record that carries its data. */
public final class EventTypes {
    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = Map.ofEntries(
            Map.entry(UserLinked.TYPE, UserLinked.class),
            Map.entry(ErasureRequested.TYPE, ErasureRequested.class),
            Map.entry(ErasureCompleted.TYPE, ErasureCompleted.class),
            Map.entry(MessagePosted.TYPE, MessagePosted.class),
            Map.entry(TurnStarted.TYPE, TurnStarted.class),
            Map.entry(TextDelta.TYPE, TextDelta.class),
            Map.entry(ReasoningDelta.TYPE, ReasoningDelta.class),
            Map.entry(ToolCallStarted.TYPE, ToolCallStarted.class),
            Map.entry(ToolCallCompleted.TYPE, ToolCallCompleted.class),
            Map.entry(TurnCompleted.TYPE, TurnCompleted.class),
            Map.entry(TurnFailed.TYPE, TurnFailed.class),
            Map.entry(ConversationSummarized.TYPE, ConversationSummarized.class),
            Map.entry(CancelTurn.TYPE, CancelTurn.class),
            Map.entry(AgentConfigChanged.TYPE, AgentConfigChanged.class),
            Map.entry(BudgetThresholdReached.TYPE, BudgetThresholdReached.class),
            Map.entry(SendEmail.TYPE, SendEmail.class),
            Map.entry(EmailSent.TYPE, EmailSent.class),
            Map.entry(EmailFailed.TYPE, EmailFailed.class),
            Map.entry(IngestDocument.TYPE, IngestDocument.class),
            Map.entry(DocumentIngestionStarted.TYPE, DocumentIngestionStarted.class),
            Map.entry(DocumentIngestionProgress.TYPE, DocumentIngestionProgress.class),
            Map.entry(DocumentIndexed.TYPE, DocumentIndexed.class),
            Map.entry(DocumentIngestionFailed.TYPE, DocumentIngestionFailed.class),
            Map.entry(ArtifactCreated.TYPE, ArtifactCreated.class),
            Map.entry(ArtifactUpdated.TYPE, ArtifactUpdated.class),
            Map.entry(ArtifactShared.TYPE, ArtifactShared.class),
            Map.entry(ArtifactDeleted.TYPE, ArtifactDeleted.class));

    private EventTypes() {
    }

    public static Optional<Class<? extends DomainEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Map<String, Class<? extends DomainEvent>> all() {
        return BY_TYPE;
    }
}
