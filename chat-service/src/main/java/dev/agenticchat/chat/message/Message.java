package dev.agenticchat.chat.message;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** A stored message; {@code seq} is assigned by the database on insert (null before). */
@MappedEntity("messages")
record Message(@Id UUID id, UUID threadId, String tenantId, String userId, String role, String content,
               @Nullable String clientMessageId, @Nullable String turnId,
               @Nullable @TypeDef(type = DataType.JSON) MessageMetadata metadata, Instant createdAt,
               @Nullable Long seq) {
    static final String USER = "user";
    static final String ASSISTANT = "assistant";
}
