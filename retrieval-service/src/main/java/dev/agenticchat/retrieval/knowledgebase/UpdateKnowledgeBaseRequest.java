package dev.agenticchat.retrieval.knowledgebase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Only what can change without re-embedding: absent properties keep their value. */
@Serdeable
record UpdateKnowledgeBaseRequest(@Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
                                  @Nullable @Size(max = 2000) String description) {
}
