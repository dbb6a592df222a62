package dev.agenticchat.artifact.version;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;

/** Version numbers as query and path parameters carry them: 1 or more, anything else a 400 naming the parameter. */
public final class VersionNumbers {
    private VersionNumbers() {
    }

    public static int parse(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(field + " is required: a version number, 1 or more", field);
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Answered below, like a number out of range.
        }
        throw ApiProblem.badRequest(field + " \"" + value + "\" is not a version number (1 or more)", field);
    }
}
