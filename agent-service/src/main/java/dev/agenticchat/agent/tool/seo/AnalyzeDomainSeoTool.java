package dev.agenticchat.agent.tool.seo;

import dev.agenticchat.agent.seranking.SeRankingClient;
import dev.agenticchat.agent.seranking.SeRankingSettings;
import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.agent.tool.artifact.ArtifactTools;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code analyze_domain_seo}: a domain's organic and paid search footprint in one regional
 * database, as a {@code domain_overview} artifact. SE Ranking endpoint:
 * {@code GET /v1/domain/overview/db?source=<db>&domain=<domain>&with_subdomains=1}, answering
 * {@code {"organic": {"count", "traffic", "cost", ...}, "adv": {...}}}
 * (https://seranking.com/api/data/domain-analysis). The values are in USD unless the answer
 * names a {@code currency}.
 */
@Singleton
class AnalyzeDomainSeoTool extends SeoTool {
    static final String NAME = "analyze_domain_seo";
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private static final ToolSpecification SPECIFICATION = ToolSpecification.builder()
            .name(NAME)
            .description("Analyses a domain's search performance with SE Ranking: organic and paid keywords, traffic and "
                    + "traffic value in one regional database. Creates a domain_overview artifact.")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("domain", JsonRawSchema.from(SeoArguments.DOMAIN_SCHEMA))
                    .addProperty("database", JsonRawSchema.from(SeoArguments.DATABASE_SCHEMA))
                    .required("domain")
                    .additionalProperties(false)
                    .build())
            .build();

    AnalyzeDomainSeoTool(SeRankingClient seRanking, SeRankingSettings settings, ArtifactTools artifacts, JsonMapper json) {
        super(SPECIFICATION, seRanking, settings, artifacts, json);
    }

    @Override
    ToolOutcome run(JsonNode arguments, ToolContext context) throws ToolArguments.InvalidArgumentsException, InterruptedException {
        String domain = SeoArguments.domain(arguments, "domain");
        String database = SeoArguments.database(arguments);
        JsonNode answer = seRanking.await(seRanking.get("/v1/domain/overview/db",
                Map.of("source", database, "domain", domain, "with_subdomains", "1")));
        JsonNode organic = answer.get("organic");
        JsonNode paid = answer.get("adv");
        String currency = SeRankingValues.text(answer, "currency");
        DomainOverview overview = new DomainOverview(SeoArguments.title("SEO overview of " + domain + " (" + SeoArguments.region(database) + ")"),
                domain, database, currency != null && CURRENCY.matcher(currency).matches() ? currency : "USD",
                SeRankingValues.count(organic, "count", "keywords_count"),
                SeRankingValues.count(organic, "traffic", "traffic_sum"),
                SeRankingValues.amount(organic, "cost", "price_sum"),
                SeRankingValues.count(paid, "count", "keywords_count"),
                SeRankingValues.count(paid, "traffic", "traffic_sum"),
                SeRankingValues.amount(paid, "cost", "price_sum"));
        return createArtifact("domain_overview", overview, context);
    }

    /** The content of a {@code domain_overview} artifact. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record DomainOverview(String title, String domain, String database, String currency, long organicKeywords,
                          long organicTraffic, double organicTrafficValue, long paidKeywords, long paidTraffic,
                          double paidTrafficValue) {
    }
}
