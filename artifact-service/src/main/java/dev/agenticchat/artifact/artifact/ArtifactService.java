package dev.agenticchat.artifact.artifact;

import dev.agenticchat.artifact.validation.ArtifactType;
import dev.agenticchat.artifact.validation.ArtifactTypeRegistry;
import dev.agenticchat.artifact.validation.ArtifactValidator;
import dev.agenticchat.artifact.validation.Violation;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates artifacts (validate, store version 1, announce {@link ArtifactCreated} through
 * the outbox, all or nothing) and reads them back for their owner.
 */
@Singleton
class ArtifactService {
    static final int MAX_PAGE_SIZE = 200;
    static final List<String> STATUSES = List.of(ArtifactSnapshot.INTERMEDIATE, ArtifactSnapshot.FINAL);

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactService.class);
    private static final HttpStatus UNPROCESSABLE = HttpStatus.UNPROCESSABLE_ENTITY;
    /** A 10,000-row table can break the same rule on every row; the model needs the first few, not all. */
    private static final int MAX_REPORTED_VIOLATIONS = 50;
    private static final int MAX_FIELDS_IN_DETAIL = 5;

    private final ArtifactRepository artifacts;
    private final ArtifactTypeRegistry types;
    private final ArtifactValidator validator;
    private final Outbox outbox;
    private final JsonMapper json;

    ArtifactService(ArtifactRepository artifacts, ArtifactTypeRegistry types, ArtifactValidator validator, Outbox outbox,
                    JsonMapper json) {
        this.artifacts = artifacts;
        this.types = types;
        this.validator = validator;
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional
    ArtifactView create(Caller caller, CreateArtifactRequest request) {
        ArtifactType type = knownType(request.type());
        String status = status(request.status());
        Map<String, Object> content = object(type, request.content());
        List<Violation> violations = validator.validate(type, content);
        if (!violations.isEmpty()) {
            throw invalidContent(type, violations);
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Artifact artifact = artifacts.save(new Artifact(UUID.randomUUID(), caller.tenantId(), caller.userId(),
                request.threadId(), request.turnId(), type.name(), (String) content.get("title"), status, 1, now, now));
        artifacts.insertVersion(artifact.id(), 1, toJson(content), now);
        ArtifactSnapshot snapshot = new ArtifactSnapshot(artifact.id().toString(), artifact.type(), artifact.title(),
                artifact.status(), artifact.currentVersion(), artifact.threadId(), artifact.turnId(), content,
                artifact.createdAt());
        // The subject is the artifact; the record key is its thread (per-conversation order), or the artifact itself
        // when it was made outside a thread.
        EventContext context = new EventContext(caller.tenantId(), caller.userId(), artifact.threadId(),
                artifact.id().toString());
        outbox.append(Topics.ARTIFACT_EVENTS, new ArtifactCreated(snapshot), context);
        LOG.info("Created {} artifact {} in thread {}", artifact.type(), artifact.id(), artifact.threadId());
        return ArtifactView.of(artifact, content);
    }

    @ReadOnly
    Optional<ArtifactView> find(Caller caller, UUID id) {
        return artifacts.findOwned(caller.tenantId(), caller.userId(), id).map(ArtifactView::of);
    }

    @ReadOnly
    ArtifactPage list(Caller caller, @Nullable String type, @Nullable String threadId, @Nullable String cursor, int limit) {
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
        List<StoredArtifact> found = artifacts.findOwnedPage(caller.tenantId(), caller.userId(), type, threadId, after,
                limit + 1);
        boolean more = found.size() > limit;
        List<StoredArtifact> page = more ? found.subList(0, limit) : found;
        String next = more ? PageCursor.after(page.get(page.size() - 1).artifact()).encode() : null;
        return new ArtifactPage(page.stream().map(ArtifactView::of).toList(), next);
    }

    private ArtifactType knownType(@Nullable String name) {
        return types.find(name).orElseThrow(() -> {
            String known = String.join(", ", types.names());
            String detail = (name == null ? "type is missing" : "\"" + name + "\" is not an artifact type")
                    + "; the known types are " + known + " (GET /api/artifact-types gives each one's JSON Schema).";
            return new ApiProblem(UNPROCESSABLE, "Unknown artifact type", detail,
                    List.of(new Problem.FieldError("type", "must be one of " + known)));
        });
    }

    private static String status(@Nullable String status) {
        if (status == null) {
            return ArtifactSnapshot.FINAL;
        }
        if (!STATUSES.contains(status)) {
            String allowed = "must be one of " + String.join(", ", STATUSES);
            throw new ApiProblem(UNPROCESSABLE, "Invalid artifact", "status \"" + status + "\" " + allowed + ".",
                    List.of(new Problem.FieldError("status", allowed)));
        }
        return status;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(ArtifactType type, @Nullable Object content) {
        if (content instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        String message = "must be a JSON object that conforms to the " + type.name() + " schema";
        throw new ApiProblem(UNPROCESSABLE, "Invalid artifact",
                "The " + type.name() + " artifact was not created: content " + message + ".",
                List.of(new Problem.FieldError("content", message)));
    }

    /** One sentence that tells the model what happened and what to do; the details are in {@code errors}. */
    private static ApiProblem invalidContent(ArtifactType type, List<Violation> violations) {
        List<Violation> reported = violations.subList(0, Math.min(violations.size(), MAX_REPORTED_VIOLATIONS));
        List<String> fields = reported.stream().map(Violation::field).distinct().toList();
        String named = fields.stream().limit(MAX_FIELDS_IN_DETAIL).collect(Collectors.joining(", "))
                + (fields.size() > MAX_FIELDS_IN_DETAIL ? " and " + (fields.size() - MAX_FIELDS_IN_DETAIL) + " more" : "");
        String count = violations.size() == 1 ? "1 error" : violations.size() + " errors";
        String listed = violations.size() > reported.size() ? ", the first " + reported.size() + " listed in errors" : "";
        String detail = "The " + type.name() + " artifact was not created because its content has " + count + listed
                + " (" + named + "); fix every field listed in errors, keep the rest, and call " + type.toolName()
                + " again with the complete corrected content.";
        return new ApiProblem(UNPROCESSABLE, "Invalid artifact", detail,
                reported.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
    }

    private String toJson(Map<String, Object> content) {
        try {
            return json.writeValueAsString(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
