package dev.agenticchat.artifact.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** competitor_analysis and keyword_research: rules between fields of the SEO reports. */
final class SeoRules {
    private SeoRules() {
    }

    static List<Violation> competitorDomainsAreUnique(JsonNode analysis) {
        JsonNode competitors = analysis.path("competitors");
        if (!competitors.isArray()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        CrossFieldRules.repeats(competitors, c -> c.path("domain").isTextual() ? c.path("domain").asText() : null)
                .forEach((index, earlier) -> violations.add(new Violation("/competitors/" + index + "/domain",
                        "repeats the domain \"" + competitors.get(index).path("domain").asText() + "\" of competitor "
                                + earlier + "; list each competitor once")));
        return violations;
    }

    static List<Violation> commonKeywordsDoNotExceedTotalKeywords(JsonNode analysis) {
        JsonNode competitors = analysis.path("competitors");
        if (!competitors.isArray()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < competitors.size(); i++) {
            JsonNode common = competitors.get(i).path("common_keywords");
            JsonNode total = competitors.get(i).path("total_keywords");
            if (common.isNumber() && total.isNumber() && common.decimalValue().compareTo(total.decimalValue()) > 0) {
                violations.add(new Violation("/competitors/" + i + "/common_keywords",
                        "is " + common + " but total_keywords is " + total
                                + "; keywords in common are a part of the competitor's keywords, so at most total_keywords"));
            }
        }
        return violations;
    }

    static List<Violation> similarModeNamesItsSeedKeyword(JsonNode research) {
        if (!research.path("mode").asText().equals("similar") || research.has("seed_keyword")) {
            return List.of();
        }
        return List.of(new Violation("/seed_keyword",
                "is required when mode is \"similar\": name the keyword to find similar keywords for"));
    }

    static List<Violation> gapModeNamesTheDomains(JsonNode research) {
        if (!research.path("mode").asText().equals("gap")) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        if (!research.has("domain")) {
            violations.add(new Violation("/domain", "is required when mode is \"gap\": name your own domain"));
        }
        if (!research.has("competitor_domains")) {
            violations.add(new Violation("/competitor_domains",
                    "is required when mode is \"gap\": name 1 to 5 competitor domains to compare with"));
        }
        return violations;
    }
}
