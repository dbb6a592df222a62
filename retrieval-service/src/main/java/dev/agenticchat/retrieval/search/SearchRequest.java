package dev.agenticchat.retrieval.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code mode} defaults to hybrid, {@code top_k} to 5, {@code min_score} to 0. */
@Serdeable
record SearchRequest(@NotBlank @Size(max = 2000) String query,
                     @Nullable @Pattern(regexp = "hybrid|vector|keyword", message = "must be hybrid, vector or keyword") String mode,
                     @Nullable @Min(1) @Max(50) Integer topK,
                     @Nullable Double minScore) {
    static final int DEFAULT_TOP_K = 5;

    SearchMode searchMode() {
        return mode == null ? SearchMode.HYBRID : SearchMode.valueOf(mode.toUpperCase());
    }

    int limit() {
        return topK == null ? DEFAULT_TOP_K : topK;
    }

    double threshold() {
        return minScore == null ? 0 : minScore;
    }
}
