package dev.agenticchat.artifact.version;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One field-level difference between two versions: {@code path} is a JSON Pointer into the
 * content, {@code from} is absent (null) for an added value, {@code to} for a removed one.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record Change(String path, String op, @Nullable Object from, @Nullable Object to) {
    static final String ADDED = "added";
    static final String REMOVED = "removed";
    static final String CHANGED = "changed";
}
