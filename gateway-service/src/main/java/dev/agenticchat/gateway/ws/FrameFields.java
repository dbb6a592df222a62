package dev.agenticchat.gateway.ws;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The fields of one client frame, a JSON object with a string {@code type}, read the same way
 * by every frame record: a field that is missing, of the wrong kind or too long is a
 * {@link FrameError} naming it.
 */
final class FrameFields {
    /** Ids go into chat-service URLs: letters, digits, '-' and '_' only (UUIDs and the like). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final JsonNode frame;
    private final String type;

    private FrameFields(JsonNode frame, String type) {
        this.frame = frame;
        this.type = type;
    }

    static FrameFields of(@Nullable JsonNode frame) {
        if (frame == null || !frame.isObject()) {
            throw new FrameError(ServerFrame.Error.INVALID_FRAME, "a frame is a JSON object with a type", null);
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isString()) {
            throw FrameError.invalid("type", "type is required");
        }
        return new FrameFields(frame, type.getStringValue());
    }

    String type() {
        return type;
    }

    String requiredText(String field, int maxLength) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            throw FrameError.invalid(field, field + " is required");
        }
        if (!value.isString()) {
            throw FrameError.invalid(field, field + " must be a string");
        }
        String text = value.getStringValue();
        if (text.length() > maxLength) {
            throw FrameError.invalid(field, field + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    String requiredId(String field) {
        String id = optionalId(field);
        if (id == null) {
            throw FrameError.invalid(field, field + " is required");
        }
        return id;
    }

    /** An optional whole number of at least 0; absent or null is null. */
    @Nullable
    Long optionalCount(String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !(value.getNumberValue() instanceof Integer || value.getNumberValue() instanceof Long)
                || value.getLongValue() < 0) {
            throw FrameError.invalid(field, field + " must be a whole number of at least 0");
        }
        return value.getLongValue();
    }

    @Nullable
    String optionalId(String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || !ID.matcher(value.getStringValue()).matches()) {
            throw FrameError.invalid(field, field + " must be an id (letters, digits, '-' or '_', at most 64)");
        }
        return value.getStringValue();
    }

    /** An optional array of at most {@code max} ids; absent or null is empty. Any fault names the array field. */
    List<String> optionalIds(String field, int max) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw FrameError.invalid(field, field + " must be an array of ids");
        }
        if (value.size() > max) {
            throw FrameError.invalid(field, field + " may hold at most " + max + " ids");
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode id : value.values()) {
            if (!id.isString() || !ID.matcher(id.getStringValue()).matches()) {
                throw FrameError.invalid(field, field + " must hold ids (letters, digits, '-' or '_', at most 64)");
            }
            ids.add(id.getStringValue());
        }
        return List.copyOf(ids);
    }
}
