package dev.agenticchat.contracts.events;

/**
 * The {@code data} of a CloudEvent. Each event type is a record with a stable
 * {@code TYPE} string (never the class name), grouped under a sealed interface per
 * aggregate so consumers can dispatch with a {@code switch}.
 */
public sealed interface DomainEvent permits IdentityEvent, ChatEvent, AgentEvent, AgentCommand, AgentConfigEvent,
        BudgetEvent, ArtifactEvent, RetrievalEvent, RetrievalCommand, NotificationRequest, NotificationEvent {
    /** The CloudEvents {@code type} attribute of this event. */
    String eventType();
}
