package dev.agenticchat.agent.tool.seo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.agent.seranking.SeRankingClient;
import dev.agenticchat.agent.seranking.SeRankingSettings;
import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.agent.tool.artifact.ArtifactTools;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code analyze_competitors}: the domains competing with a domain in organic or paid search,
 * as a {@code competitor_analysis} artifact. SE Ranking endpoint:
 * {@code GET /v1/domain/competitors?source=<db>&domain=<domain>&type=organic|adv}, answering a
 * list of {@code {"domain", "common_keywords", "total_keywords", "missing_keywords", "traffic", ...}}
 * (https://seranking.com/api/data/domain-analysis). {@code overlap} is the share of the
 * competitor's keywords the two domains have in common.
 */
@Singleton
class AnalyzeCompetitorsTool extends SeoTool {
    static final String NAME = "analyze_competitors";
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 50;

    private static final ToolSpecification SPECIFICATION = ToolSpecification.builder()
            .name(NAME)
            .description("Finds the domains competing with a domain in organic or paid search with SE Ranking, with the "
                    + "keywords they share. Creates a competitor_analysis artifact.")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("domain", JsonRawSchema.from(SeoArguments.DOMAIN_SCHEMA))
                    .addProperty("database", JsonRawSchema.from(SeoArguments.DATABASE_SCHEMA))
                    .addProperty("source", JsonRawSchema.from("""
                            {"type":"string","enum":["organic","paid"],"default":"organic","description":"Competitors in organic results or in paid ads."}"""))
                    .addProperty("limit", JsonRawSchema.from("""
                            {"type":"integer","minimum":1,"maximum":50,"default":10,"description":"How many competitors to list."}"""))
                    .required("domain")
                    .additionalProperties(false)
                    .build())
            .build();

    AnalyzeCompetitorsTool(SeRankingClient seRanking, SeRankingSettings settings, ArtifactTools artifacts, JsonMapper json) {
        super(SPECIFICATION, seRanking, settings, artifacts, json);
    }

    @Override
    ToolOutcome run(JsonNode arguments, ToolContext context) throws ToolArguments.InvalidArgumentsException, InterruptedException {
        String domain = SeoArguments.domain(arguments, "domain");
        String database = SeoArguments.database(arguments);
        String source = source(arguments);
        int limit = SeoArguments.limit(arguments, DEFAULT_LIMIT, MAX_LIMIT);
        JsonNode answer = seRanking.await(seRanking.get("/v1/domain/competitors", Map.of("source", database,
                "domain", domain, "type", "paid".equals(source) ? "adv" : "organic")));
        List<Competitor> competitors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(List.of(domain));
        for (JsonNode row : SeRankingValues.rows(answer)) {
            String competitor = competitorDomain(row);
            if (competitor == null || !seen.add(competitor) || competitors.size() == limit) {
                continue;
            }
            long total = SeRankingValues.count(row, "total_keywords", "keywords_count");
            long common = Math.min(total, SeRankingValues.count(row, "common_keywords"));
            double overlap = total == 0 ? 0 : Math.round(common * 10_000.0 / total) / 10_000.0;
            Double traffic = SeRankingValues.number(row, "traffic", "traffic_sum");
            competitors.add(new Competitor(competitor, common, total, overlap,
                    traffic == null ? null : Math.max(0, Math.round(traffic))));
        }
        if (competitors.isEmpty()) {
            return ToolOutcome.failed("Error: SE Ranking knows no " + source + " competitors of " + domain + " in the "
                    + database + " database. Try another database or the other source.");
        }
        String title = ("paid".equals(source) ? "Paid" : "Organic") + " competitors of " + domain
                + " (" + SeoArguments.region(database) + ")";
        return createArtifact("competitor_analysis", new CompetitorAnalysis(SeoArguments.title(title), domain, database, source, competitors),
                context);
    }

    private static String source(JsonNode arguments) throws ToolArguments.InvalidArgumentsException {
        String source = ToolArguments.string(arguments, "source");
        if (source == null || source.isBlank()) {
            return "organic";
        }
        if (!source.equals("organic") && !source.equals("paid")) {
            throw new ToolArguments.InvalidArgumentsException("Error: source must be \"organic\" or \"paid\".");
        }
        return source;
    }

    @Nullable
    private static String competitorDomain(JsonNode row) {
        String raw = SeRankingValues.text(row, "domain");
        try {
            return raw == null ? null : SeoArguments.domain(raw, "domain");
        } catch (ToolArguments.InvalidArgumentsException e) {
            return null;
        }
    }

    /** The content of a {@code competitor_analysis} artifact. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CompetitorAnalysis(String title, String domain, String database, String source, List<Competitor> competitors) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Competitor(String domain, long commonKeywords, long totalKeywords, double overlap, @Nullable Long traffic) {
    }
}
