package dev.agenticchat.contracts.events;

/** Commands of {@code agent.commands.v1}, consumed by agent workers. */
public sealed interface AgentCommand extends DomainEvent permits CancelTurn {
}
