package dev.agenticchat.chat.messaging;

/** The Kafka consumer group of chat-service, on every topic it consumes; also its inbox consumer name. */
final class ConsumerGroup {
    static final String ID = "chat-service";

    private ConsumerGroup() {
    }
}
