package dev.agenticchat.artifact.artifact;

import dev.agenticchat.artifact.metrics.ArtifactMetrics;
import dev.agenticchat.artifact.validation.ArtifactType;
import dev.agenticchat.artifact.validation.ArtifactTypeRegistry;
import dev.agenticchat.artifact.validation.ArtifactValidator;
import dev.agenticchat.artifact.validation.Violation;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks what a new artifact or a new version carries (type, status, content) and refuses it
 * with one 422 a model can act on: every violation with its field, and what to call next.
 */
@Singleton
public class ArtifactContents {
    public static final List<String> STATUSES = List.of(ArtifactSnapshot.INTERMEDIATE, ArtifactSnapshot.FINAL);

    private static final HttpStatus UNPROCESSABLE = HttpStatus.UNPROCESSABLE_ENTITY;
    /** A 10,000-row table can break the same rule on every row; the model needs the first few, not all. */
    private static final int MAX_REPORTED_VIOLATIONS = 50;
    private static final int MAX_FIELDS_IN_DETAIL = 5;

    private final ArtifactTypeRegistry types;
    private final ArtifactValidator validator;
    private final JsonMapper json;
    private final ArtifactMetrics metrics;

    ArtifactContents(ArtifactTypeRegistry types, ArtifactValidator validator, JsonMapper json, ArtifactMetrics metrics) {
        this.metrics = metrics;
        this.types = types;
        this.validator = validator;
        this.json = json;
    }

    /** What was asked for and how to ask again, for the problem's detail. */
    public record Attempt(String outcome, String retry) {
        public static Attempt create(ArtifactType type) {
            return new Attempt("created", "call " + type.toolName() + " again with the complete corrected content");
        }

        public static Attempt update(ArtifactType type) {
            return new Attempt("updated", "send the version again (update_artifact) with the corrected content or patch");
        }
    }

    public ArtifactType knownType(@Nullable String name) {
        return types.find(name).orElseThrow(() -> {
            String known = String.join(", ", types.names());
            String detail = (name == null ? "type is missing" : "\"" + name + "\" is not an artifact type")
                    + "; the known types are " + known + " (GET /api/artifact-types gives each one's JSON Schema).";
            return new ApiProblem(UNPROCESSABLE, "Unknown artifact type", detail,
                    List.of(new Problem.FieldError("type", "must be one of " + known)));
        });
    }

    public ArtifactType type(String name) {
        return types.find(name).orElseThrow(() -> new IllegalStateException("stored artifact of unknown type " + name));
    }

    /** The status asked for, or {@code fallback} when none was. */
    public static String status(@Nullable String status, String fallback) {
        if (status == null) {
            return fallback;
        }
        if (!STATUSES.contains(status)) {
            String allowed = "must be one of " + String.join(", ", STATUSES);
            throw new ApiProblem(UNPROCESSABLE, "Invalid artifact", "status \"" + status + "\" " + allowed + ".",
                    List.of(new Problem.FieldError("status", allowed)));
        }
        return status;
    }

    /** The content as a JSON object that passes its type's schema and cross-field rules. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> validated(ArtifactType type, @Nullable Object content, Attempt attempt) {
        if (!(content instanceof Map<?, ?>)) {
            String message = "must be a JSON object that conforms to the " + type.name() + " schema";
            metrics.rejected(type.name(), attempt.outcome());
            throw new ApiProblem(UNPROCESSABLE, "Invalid artifact",
                    "The " + type.name() + " artifact was not " + attempt.outcome() + ": content " + message + ".",
                    List.of(new Problem.FieldError("content", message)));
        }
        Map<String, Object> object = (Map<String, Object>) content;
        List<Violation> violations = validator.validate(type, object);
        if (!violations.isEmpty()) {
            metrics.rejected(type.name(), attempt.outcome());
            throw invalidContent(type, violations, attempt);
        }
        return object;
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One sentence that tells the model what happened and what to do; the details are in {@code errors}. */
    private static ApiProblem invalidContent(ArtifactType type, List<Violation> violations, Attempt attempt) {
        List<Violation> reported = violations.subList(0, Math.min(violations.size(), MAX_REPORTED_VIOLATIONS));
        List<String> fields = reported.stream().map(Violation::field).distinct().toList();
        String named = fields.stream().limit(MAX_FIELDS_IN_DETAIL).collect(Collectors.joining(", "))
                + (fields.size() > MAX_FIELDS_IN_DETAIL ? " and " + (fields.size() - MAX_FIELDS_IN_DETAIL) + " more" : "");
        String count = violations.size() == 1 ? "1 error" : violations.size() + " errors";
        String listed = violations.size() > reported.size() ? ", the first " + reported.size() + " listed in errors" : "";
        String detail = "The " + type.name() + " artifact was not " + attempt.outcome() + " because its content has "
                + count + listed + " (" + named + "); fix every field listed in errors, keep the rest, and "
                + attempt.retry() + ".";
        return new ApiProblem(UNPROCESSABLE, "Invalid artifact", detail,
                reported.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
    }
}
