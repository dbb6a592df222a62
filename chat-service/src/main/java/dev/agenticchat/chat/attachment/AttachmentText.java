package dev.agenticchat.chat.attachment;

import io.micronaut.serde.annotation.Serdeable;

/** A document's text as extracted at upload; {@code truncated} when it was cut at {@code chat.attachments.max-text-chars}. */
@Serdeable
record AttachmentText(String text, boolean truncated) {
}
