package dev.agenticchat.artifact.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of a listing; {@code next_cursor} is null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ArtifactPage(List<ArtifactView> items, @Nullable String nextCursor) {
}
