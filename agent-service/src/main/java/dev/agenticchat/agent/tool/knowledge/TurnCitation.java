package dev.agenticchat.agent.tool.knowledge;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A passage shown to the model in a turn, under the number the model cites it by. */
@MappedEntity("turn_citations")
record TurnCitation(@Id UUID id, UUID turnId, int number, String chunkId, String documentId, String title,
                    @Nullable Integer page, String passage, double score, Instant createdAt) {
}
