package dev.agenticchat.contracts.events;

/**
 * Events of {@code agent.budgets.v1}, produced by agent-service: a tenant's spending against the
 * budgets its admins set, kept off the turn stream so that a consumer of these rare alerts need not
 * read {@code agent.events.v1}. Key = the tenant's id, so one tenant's alerts stay in order.
 */
public sealed interface BudgetEvent extends DomainEvent permits BudgetThresholdReached {
}
