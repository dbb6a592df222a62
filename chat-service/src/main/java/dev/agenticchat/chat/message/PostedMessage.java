package dev.agenticchat.chat.message;

import dev.agenticchat.chat.thread.ThreadView;
import io.micronaut.serde.annotation.Serdeable;

/** The stored user message and its thread; {@code duplicate} when it had been stored by an earlier send. */
@Serdeable
public record PostedMessage(MessageView message, ThreadView thread, boolean duplicate) {
}
