package dev.agenticchat.artifact.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** table: unique column names, one cell per column in every row. */
final class TableRules {
    private TableRules() {
    }

    static List<Violation> columnNamesAreUnique(JsonNode table) {
        JsonNode columns = table.path("columns");
        if (!columns.isArray()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        CrossFieldRules.repeats(columns, column -> column.path("name").isTextual() ? column.path("name").asText() : null)
                .forEach((index, earlier) -> violations.add(new Violation("/columns/" + index + "/name",
                        "repeats the name \"" + columns.get(index).path("name").asText() + "\" of column " + earlier
                                + "; every column needs a name of its own")));
        return violations;
    }

    static List<Violation> everyRowHasOneCellPerColumn(JsonNode table) {
        JsonNode columns = table.path("columns");
        JsonNode rows = table.path("rows");
        if (!columns.isArray() || columns.isEmpty() || !rows.isArray()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.path("name").asText()));
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row.isArray() && row.size() != columns.size()) {
                violations.add(new Violation("/rows/" + i,
                        "has " + CrossFieldRules.count(row.size(), "cell") + " but there "
                                + (columns.size() == 1 ? "is " : "are ") + CrossFieldRules.count(columns.size(), "column")
                                + " (" + String.join(", ", names) + "); give exactly one cell per column, null for an empty one"));
            }
        }
        return violations;
    }
}
