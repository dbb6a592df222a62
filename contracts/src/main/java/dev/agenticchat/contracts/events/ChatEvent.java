package dev.agenticchat.contracts.events;

/** Events of {@code chat.messages.v1}, produced by chat-service. */
public sealed interface ChatEvent extends DomainEvent permits MessagePosted {
}
