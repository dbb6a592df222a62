package dev.agenticchat.contracts.events;

/**
 * Events of {@code agent.events.v1}, produced by agent-service. {@link TurnCompleted} and
 * {@link TurnFailed} are durable (outbox); the others are ephemeral stream events
 * published directly, healed by the durable completion if missed.
 */
public sealed interface AgentEvent extends DomainEvent
        permits TurnStarted, TextDelta, ReasoningDelta, ToolCallStarted, ToolCallCompleted, TurnCompleted, TurnFailed,
                ConversationSummarized {
    String turnId();
}
