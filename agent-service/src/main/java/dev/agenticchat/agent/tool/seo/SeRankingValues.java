package dev.agenticchat.agent.tool.seo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SE Ranking answers leniently: a missing or malformed number is zero (or absent), a
 * list may come bare or wrapped in {@code data}, {@code keywords}, {@code items} or
 * {@code competitors}, so an additive change of the vendor's format does not break a tool.
 */
final class SeRankingValues {
    private SeRankingValues() {
    }

    static List<JsonNode> rows(@Nullable JsonNode answer) {
        JsonNode list = answer;
        if (answer != null && answer.isObject()) {
            list = null;
            for (String wrapper : List.of("data", "keywords", "items", "competitors", "results")) {
                JsonNode candidate = answer.get(wrapper);
                if (candidate != null && candidate.isArray()) {
                    list = candidate;
                    break;
                }
            }
        }
        List<JsonNode> rows = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.values().forEach(row -> {
                if (row.isObject()) {
                    rows.add(row);
                }
            });
        }
        return rows;
    }

    /** The first of the fields that holds a number, as a non-negative whole number; 0 when none does. */
    static long count(@Nullable JsonNode object, String... fields) {
        Double value = number(object, fields);
        return value == null ? 0 : Math.max(0, Math.round(value));
    }

    /** The first of the fields that holds a number, non-negative and rounded to cents; 0 when none does. */
    static double amount(@Nullable JsonNode object, String... fields) {
        Double value = number(object, fields);
        return value == null ? 0 : Math.max(0, Math.round(value * 100) / 100.0);
    }

    @Nullable
    static Double number(@Nullable JsonNode object, String... fields) {
        if (object == null || !object.isObject()) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value != null && value.isNumber()) {
                double number = value.getNumberValue().doubleValue();
                if (Double.isFinite(number)) {
                    return number;
                }
            }
            if (value != null && value.isString()) {
                try {
                    return Double.parseDouble(value.getStringValue().strip());
                } catch (NumberFormatException e) {
                    // not a number in text either: try the next field
                }
            }
        }
        return null;
    }

    @Nullable
    static String text(@Nullable JsonNode object, String field) {
        JsonNode value = object == null ? null : object.get(field);
        return value != null && value.isString() && !value.getStringValue().isBlank() ? value.getStringValue().strip() : null;
    }
}
