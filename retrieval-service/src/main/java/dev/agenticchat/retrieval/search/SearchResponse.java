package dev.agenticchat.retrieval.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/** {@code results} is present, and empty when nothing matched. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record SearchResponse(List<Result> results) {
    /** A passage: {@code [start_offset, end_offset)} in its document's extracted text; {@code page} null for formats without pages. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Result(UUID chunkId, UUID documentId, String title, @Nullable Integer page, int startOffset, int endOffset,
                  String text, double score) {
    }
}
