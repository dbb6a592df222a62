package dev.agenticchat.artifact.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The cross-field rules of each artifact type; a type without an entry has none. Each rule is
 * stated in its type schema's {@code description} (ArtifactValidatorTest holds them to it).
 */
final class CrossFieldRules {
    static final Map<String, List<CrossFieldRule>> BY_TYPE = Map.of(
            "chart", List.of(CrossFieldRules::everyDatasetHasOneValuePerLabel),
            "csv", List.of(CrossFieldRules::everyRowHasOneCellPerHeader),
            "table", List.of(TableRules::columnNamesAreUnique, TableRules::everyRowHasOneCellPerColumn),
            "competitor_analysis", List.of(SeoRules::competitorDomainsAreUnique,
                    SeoRules::commonKeywordsDoNotExceedTotalKeywords),
            "keyword_research", List.of(SeoRules::similarModeNamesItsSeedKeyword, SeoRules::gapModeNamesTheDomains));

    private CrossFieldRules() {
    }

    static List<CrossFieldRule> forType(String type) {
        return BY_TYPE.getOrDefault(type, List.of());
    }

    /** chart: {@code datasets[i].data} has exactly as many values as there are {@code labels}. */
    static List<Violation> everyDatasetHasOneValuePerLabel(JsonNode chart) {
        JsonNode labels = chart.path("labels");
        JsonNode datasets = chart.path("datasets");
        // No labels at all is the schema's finding (minItems); counting against zero would only add noise.
        if (!labels.isArray() || labels.isEmpty() || !datasets.isArray()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            JsonNode data = datasets.get(i).path("data");
            if (data.isArray() && data.size() != labels.size()) {
                violations.add(new Violation("/datasets/" + i + "/data",
                        "has " + count(data.size(), "value") + " but there " + (labels.size() == 1 ? "is " : "are ")
                                + count(labels.size(), "label") + "; give exactly one value per label, in label order"));
            }
        }
        return violations;
    }

    /** csv: {@code rows[i]} has exactly as many cells as there are {@code headers}. */
    static List<Violation> everyRowHasOneCellPerHeader(JsonNode csv) {
        JsonNode headers = csv.path("headers");
        JsonNode rows = csv.path("rows");
        if (!headers.isArray() || headers.isEmpty() || !rows.isArray()) {
            return List.of();
        }
        List<String> names = StreamSupport.stream(headers.spliterator(), false).map(JsonNode::asText).toList();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row.isArray() && row.size() != headers.size()) {
                violations.add(new Violation("/rows/" + i,
                        "has " + count(row.size(), "cell") + " but there " + (headers.size() == 1 ? "is " : "are ")
                                + count(headers.size(), "header") + " (" + String.join(", ", names)
                                + "); give exactly one cell per header, \"\" for an empty one"));
            }
        }
        return violations;
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The positions of values seen before, by the text {@code key} gives each element (null: not
     * judged), e.g. {@code {3: 0}} when element 3 repeats element 0.
     */
    static Map<Integer, Integer> repeats(JsonNode array, Function<JsonNode, String> key) {
        Map<String, Integer> first = new HashMap<>();
        Map<Integer, Integer> repeated = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String value = key.apply(array.get(i));
            if (value != null) {
                Integer earlier = first.putIfAbsent(value, i);
                if (earlier != null) {
                    repeated.put(i, earlier);
                }
            }
        }
        return repeated;
    }
}
