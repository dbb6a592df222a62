package dev.agenticchat.contracts.events;

import java.util.Map;
import java.util.Optional;

/** Maps the CloudEvents {@code type} attribute to the record that carries its data. */
public final class EventTypes {
    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = Map.ofEntries(
            Map.entry(MessagePosted.TYPE, MessagePosted.class),
            Map.entry(TurnStarted.TYPE, TurnStarted.class),
            Map.entry(TextDelta.TYPE, TextDelta.class),
            Map.entry(ReasoningDelta.TYPE, ReasoningDelta.class),
            Map.entry(ToolCallStarted.TYPE, ToolCallStarted.class),
            Map.entry(ToolCallCompleted.TYPE, ToolCallCompleted.class),
            Map.entry(TurnCompleted.TYPE, TurnCompleted.class),
            Map.entry(TurnFailed.TYPE, TurnFailed.class),
            Map.entry(CancelTurn.TYPE, CancelTurn.class),
            Map.entry(ArtifactCreated.TYPE, ArtifactCreated.class));

    private EventTypes() {
    }

    public static Optional<Class<? extends DomainEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Map<String, Class<? extends DomainEvent>> all() {
        return BY_TYPE;
    }
}
