package dev.agenticchat.contracts.events;

/** Requests of {@code notification.requests.v1}, consumed by notification-service. Key = request subject (not a thread). */
public sealed interface NotificationRequest extends DomainEvent permits SendEmail {
}
