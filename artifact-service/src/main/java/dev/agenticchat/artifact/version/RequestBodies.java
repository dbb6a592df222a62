package dev.agenticchat.artifact.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the bodies of the version endpoints by hand, so that a body that is not JSON, or not an
 * object, or carries a member of the wrong kind is refused with a 400 that says exactly that.
 */
final class RequestBodies {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_TURN_ID_LENGTH = 200;

    private static final Set<String> NEW_VERSION_MEMBERS = Set.of("content", "patch", "status", "turn_id");
    private static final Set<String> DOCUMENT_MEMBERS = Set.of("content", "status");

    private RequestBodies() {
    }

    /** {@code POST /api/artifacts/{id}/versions}: {@code {"content": {...}} or {"patch": {...}}}, status, turn_id. */
    static NewVersion newVersion(@Nullable String body) {
        ObjectNode request = object(body, "body");
        onlyMembers(request, NEW_VERSION_MEMBERS);
        JsonNode content = request.get("content");
        JsonNode patch = request.get("patch");
        if (content != null && patch != null) {
            throw ApiProblem.badRequest("give either content (the complete new content) or patch (a JSON Merge Patch "
                    + "over the current content), not both", "patch");
        }
        if (content == null && patch == null) {
            throw ApiProblem.badRequest("give content (the complete new content) or patch (a JSON Merge Patch over the "
                    + "current content)", "content");
        }
        if (patch != null && !patch.isObject()) {
            throw ApiProblem.badRequest("patch must be a JSON object, a JSON Merge Patch (RFC 7396) over the current "
                    + "content; it is " + kind(patch), "patch");
        }
        return new NewVersion(content, patch, text(request, "status"), turnId(request));
    }

    /**
     * {@code PATCH /api/artifacts/{id}}: a merge patch over {@code {"content": {...}, "status": ...}}.
     * Returns it as a checked object; applying it is the service's job.
     */
    static ObjectNode documentPatch(@Nullable String body) {
        ObjectNode patch = object(body, "body");
        onlyMembers(patch, DOCUMENT_MEMBERS);
        return patch;
    }

    private static ObjectNode object(@Nullable String body, String field) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("the request body is empty; send a JSON object", field);
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", field);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiProblem.badRequest("the request body must be a JSON object; it is " + kind(parsed), field);
        }
        return object;
    }

    private static void onlyMembers(ObjectNode object, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.badRequest("\"" + unknown.get(0) + "\" is not a member of this request; the members are "
                    + String.join(", ", allowed.stream().sorted().toList()), unknown.get(0));
        }
    }

    private static String turnId(ObjectNode request) {
        String turnId = text(request, "turn_id");
        if (turnId != null && (turnId.isEmpty() || turnId.length() > MAX_TURN_ID_LENGTH)) {
            throw ApiProblem.badRequest("turn_id must have 1 to " + MAX_TURN_ID_LENGTH + " characters", "turn_id");
        }
        return turnId;
    }

    private static String text(ObjectNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiProblem.badRequest(member + " must be a string; it is " + kind(value), member);
        }
        return value.asText();
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not JSON data";
        };
    }
}
