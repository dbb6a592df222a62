package dev.agenticchat.contracts.events;

/** Outcomes of {@code notification.events.v1}, produced by notification-service. Key = email id (not a thread). */
public sealed interface NotificationEvent extends DomainEvent permits EmailSent, EmailFailed {
}
