package dev.agenticchat.contracts.events;

/**
 * Events of {@code identity.events.v1}, produced by gateway-service (and, for
 * {@link ErasureCompleted}, by every service that erased what it held). Key = the person's
 * user id, so a link and a later erasure of the same person stay in order.
 */
public sealed interface IdentityEvent extends DomainEvent permits UserLinked, ErasureRequested, ErasureCompleted {
}
