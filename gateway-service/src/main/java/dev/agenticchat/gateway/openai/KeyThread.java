package dev.agenticchat.gateway.openai;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A thread an API key's completions made, with the hash of the conversation it holds (null while a turn runs). */
@MappedEntity("api_key_threads")
record KeyThread(@Id UUID threadId, UUID apiKeyId, String agent, @Nullable String conversationHash, Instant updatedAt) {
}
