package dev.agenticchat.contracts.events;

/**
 * Events of {@code agent.configs.v1}, produced by agent-service: changes to the tenants' agents,
 * kept off {@code agent.events.v1} so that a consumer of these rare changes need not read the
 * turn stream. Key = the agent's id, so one agent's versions stay in order.
 */
public sealed interface AgentConfigEvent extends DomainEvent permits AgentConfigChanged {
}
