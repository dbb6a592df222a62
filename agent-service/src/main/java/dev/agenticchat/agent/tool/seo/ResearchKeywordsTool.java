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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code research_keywords}: keyword research as a {@code keyword_research} artifact, in one of
 * two modes. SE Ranking endpoints (https://seranking.com/api/data/keyword-research and
 * https://seranking.com/api/data/domain-analysis):
 * <ul>
 *   <li>similar: {@code GET /v1/keywords/similar?source=<db>&keyword=<seed>&limit=<n>}, answering
 *       {@code {"total", "keywords": [{"keyword", "volume", "cpc", "competition", "difficulty", ...}]}};</li>
 *   <li>gap: for each competitor, {@code GET /v1/domain/keywords/comparison?source=<db>&domain=<competitor>
 *       &compare=<domain>&diff=1&type=organic&order_field=volume&order_type=desc&limit=<n>}, answering the
 *       competitor's keywords that the domain does not rank for (the requests run concurrently; a keyword
 *       several competitors have counts once).</li>
 * </ul>
 * A difficulty the answer lacks is 0; a competition given on a 0-100 scale is brought to 0-1.
 */
@Singleton
class ResearchKeywordsTool extends SeoTool {
    static final String NAME = "research_keywords";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_COMPETITORS = 5;
    private static final int MAX_KEYWORD = 200;

    private static final ToolSpecification SPECIFICATION = ToolSpecification.builder()
            .name(NAME)
            .description("Keyword research with SE Ranking. mode similar: keywords like seed_keyword. mode gap: keywords "
                    + "the competitor_domains rank for and domain does not. Creates a keyword_research artifact.")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("mode", JsonRawSchema.from("""
                            {"type":"string","enum":["similar","gap"],"description":"similar: keywords like seed_keyword; gap: keywords of competitor_domains that domain lacks."}"""))
                    .addProperty("database", JsonRawSchema.from(SeoArguments.DATABASE_SCHEMA))
                    .addProperty("seed_keyword", JsonRawSchema.from("""
                            {"type":"string","minLength":1,"maxLength":200,"description":"The keyword to find similar ones for (mode similar)."}"""))
                    .addProperty("domain", JsonRawSchema.from(SeoArguments.DOMAIN_SCHEMA))
                    .addProperty("competitor_domains", JsonRawSchema.from("""
                            {"type":"array","minItems":1,"maxItems":5,"items":{"type":"string"},"description":"Competitor domains (mode gap)."}"""))
                    .addProperty("limit", JsonRawSchema.from("""
                            {"type":"integer","minimum":1,"maximum":100,"default":20,"description":"How many keywords to list."}"""))
                    .required("mode")
                    .additionalProperties(false)
                    .build())
            .build();

    ResearchKeywordsTool(SeRankingClient seRanking, SeRankingSettings settings, ArtifactTools artifacts, JsonMapper json) {
        super(SPECIFICATION, seRanking, settings, artifacts, json);
    }

    @Override
    ToolOutcome run(JsonNode arguments, ToolContext context) throws ToolArguments.InvalidArgumentsException, InterruptedException {
        String mode = ToolArguments.string(arguments, "mode");
        String database = SeoArguments.database(arguments);
        int limit = SeoArguments.limit(arguments, DEFAULT_LIMIT, MAX_LIMIT);
        if ("similar".equals(mode)) {
            return similar(arguments, database, limit, context);
        }
        if ("gap".equals(mode)) {
            return gap(arguments, database, limit, context);
        }
        throw new ToolArguments.InvalidArgumentsException("Error: mode must be \"similar\" or \"gap\".");
    }

    private ToolOutcome similar(JsonNode arguments, String database, int limit, ToolContext context)
            throws ToolArguments.InvalidArgumentsException, InterruptedException {
        String seed = ToolArguments.string(arguments, "seed_keyword");
        if (seed == null || seed.isBlank() || seed.strip().length() > MAX_KEYWORD) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: mode similar needs seed_keyword, a keyword of 1 to 200 characters.");
        }
        seed = seed.strip();
        JsonNode answer = seRanking.await(seRanking.get("/v1/keywords/similar",
                Map.of("source", database, "keyword", seed, "limit", String.valueOf(limit))));
        List<Keyword> keywords = keywords(List.of(answer), limit);
        KeywordResearch research = new KeywordResearch(SeoArguments.title("Keywords like " + seed + " (" + SeoArguments.region(database) + ")"),
                "similar", database, seed, null, null, keywords);
        return createArtifact("keyword_research", research, context);
    }

    private ToolOutcome gap(JsonNode arguments, String database, int limit, ToolContext context)
            throws ToolArguments.InvalidArgumentsException, InterruptedException {
        String domain = SeoArguments.domain(arguments, "domain");
        List<String> competitors = competitors(arguments, domain);
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (String competitor : competitors) {
            calls.add(seRanking.get("/v1/domain/keywords/comparison", Map.of("source", database, "domain", competitor,
                    "compare", domain, "diff", "1", "type", "organic", "order_field", "volume", "order_type", "desc",
                    "limit", String.valueOf(limit))));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (CompletableFuture<JsonNode> call : calls) {
            answers.add(seRanking.await(call));
        }
        String title = "Keyword gap of " + domain + " vs " + String.join(", ", competitors)
                + " (" + SeoArguments.region(database) + ")";
        KeywordResearch research = new KeywordResearch(SeoArguments.title(title),
                "gap", database, null, domain, competitors, keywords(answers, limit));
        return createArtifact("keyword_research", research, context);
    }

    private static List<String> competitors(JsonNode arguments, String domain) throws ToolArguments.InvalidArgumentsException {
        JsonNode list = arguments.get("competitor_domains");
        if (list == null || !list.isArray() || list.size() < 1 || list.size() > MAX_COMPETITORS) {
            throw new ToolArguments.InvalidArgumentsException(
                    "Error: mode gap needs domain and competitor_domains, a list of 1 to 5 domains.");
        }
        Set<String> competitors = new LinkedHashSet<>();
        for (JsonNode item : list.values()) {
            if (!item.isString()) {
                throw new ToolArguments.InvalidArgumentsException("Error: competitor_domains must hold domains as strings.");
            }
            String competitor = SeoArguments.domain(item.getStringValue(), "competitor_domains");
            if (!competitor.equals(domain)) {
                competitors.add(competitor);
            }
        }
        if (competitors.isEmpty()) {
            throw new ToolArguments.InvalidArgumentsException("Error: competitor_domains must name domains other than domain.");
        }
        return List.copyOf(competitors);
    }

    /** The keywords of the answers, each once (its highest volume kept), by volume, at most {@code limit}. */
    private static List<Keyword> keywords(List<JsonNode> answers, int limit) {
        Map<String, Keyword> byKeyword = new LinkedHashMap<>();
        for (JsonNode answer : answers) {
            for (JsonNode row : SeRankingValues.rows(answer)) {
                Keyword keyword = keyword(row);
                if (keyword != null) {
                    byKeyword.merge(keyword.keyword(), keyword, (kept, other) -> other.volume() > kept.volume() ? other : kept);
                }
            }
        }
        return byKeyword.values().stream()
                .sorted(Comparator.comparingLong(Keyword::volume).reversed())
                .limit(limit)
                .toList();
    }

    @Nullable
    private static Keyword keyword(JsonNode row) {
        String keyword = SeRankingValues.text(row, "keyword");
        if (keyword == null || keyword.length() > MAX_KEYWORD) {
            return null;
        }
        Double difficulty = SeRankingValues.number(row, "difficulty");
        Double competition = SeRankingValues.number(row, "competition");
        if (competition != null && competition > 1) {
            competition = competition / 100;
        }
        return new Keyword(keyword, SeRankingValues.count(row, "volume"), SeRankingValues.amount(row, "cpc"),
                difficulty == null ? 0 : (int) Math.max(0, Math.min(100, Math.round(difficulty))),
                competition == null ? null : Math.max(0, Math.min(1, Math.round(competition * 100) / 100.0)));
    }

    /** The content of a {@code keyword_research} artifact. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeywordResearch(String title, String mode, String database, @Nullable String seedKeyword,
                           @Nullable String domain, @Nullable List<String> competitorDomains, List<Keyword> keywords) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Keyword(String keyword, long volume, double cpc, int difficulty, @Nullable Double competition) {
    }
}
