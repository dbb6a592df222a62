package dev.agenticchat.artifact.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The header and rows of the artifact types that are tables at heart, for the CSV export. */
record Tabular(List<String> headers, List<List<Object>> rows) {
    private static final List<String> KEYWORD_COLUMNS = List.of("keyword", "volume", "cpc", "difficulty", "competition");
    private static final List<String> COMPETITOR_COLUMNS = List.of("domain", "common_keywords", "total_keywords", "overlap",
            "traffic");

    static boolean supports(String type) {
        return List.of("csv", "table", "keyword_research", "competitor_analysis").contains(type);
    }

    static Optional<Tabular> of(String type, Map<String, Object> content) {
        return switch (type) {
            case "csv" -> Optional.of(new Tabular(strings(content.get("headers")), rows(content.get("rows"))));
            case "table" -> Optional.of(new Tabular(objects(content.get("columns")).stream()
                    .map(column -> String.valueOf(column.get("name"))).toList(), rows(content.get("rows"))));
            case "keyword_research" -> Optional.of(records(KEYWORD_COLUMNS, content.get("keywords")));
            case "competitor_analysis" -> Optional.of(records(COMPETITOR_COLUMNS, content.get("competitors")));
            default -> Optional.empty();
        };
    }

    private static Tabular records(List<String> columns, Object items) {
        return new Tabular(columns, objects(items).stream()
                .map(item -> columns.stream().map(item::get).toList()).toList());
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(row -> row instanceof List<?> cells ? (List<Object>) cells : List.<Object>of()).toList()
                : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Object value) {
        return value instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList()
                : List.of();
    }
}
