package dev.agenticchat.agent.tool.seo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ArtifactServiceStandIn;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.agent.fixtures.SeRankingFake;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SEO tools in a worker that has an SE Ranking API key: the LLM simulator asks for them,
 * a fake SE Ranking (real HTTP, the Data API's shapes) answers, and the artifacts they make are
 * checked against the contracts' schemas. A worker without a key never offers them
 * (AgentServiceIT checks the tool list).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeoToolsIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "seo-it-" + UUID.randomUUID();
    private static final String API_KEY = UUID.randomUUID().toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final ArtifactServiceStandIn artifactService = ArtifactServiceStandIn.start(SERVICE_TOKEN);
    private final SeRankingFake seRanking = SeRankingFake.start(API_KEY);
    private final String messagesTopic = TestKafka.createTopic("agent-it.chat.messages", 2);
    private AgentEventLog events;
    private ChatMessages chat;

    @Inject
    JsonMapper jsonMapper;
    @Inject
    EventCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.putAll(Map.of(
                "agent.llm.base-url", simulator.baseUrl(),
                "micronaut.http.services.artifact-service.url", artifactService.url(),
                "agentic.service-credentials.token", SERVICE_TOKEN,
                "agent.seranking.api-key", API_KEY,
                "agent.seranking.base-url", seRanking.url(),
                "agent.seranking.retry-backoff", "20ms,40ms,80ms"));
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @BeforeEach
    void freshUser() {
        seRanking.revokeKey(false);
        chat = new ChatMessages(jsonMapper, messagesTopic);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        simulator.close();
        artifactService.close();
        seRanking.close();
    }

    @Test
    void offers_the_seo_tools_when_an_api_key_is_configured() {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "[[text:Hi.]] hello");
        events.awaitCompleted(thread, message.messageId());

        List<String> offered = new ArrayList<>();
        simulator.requests().stream()
                .filter(body -> body.path("messages").toString().contains(message.content()))
                .findFirst().orElseThrow()
                .path("tools").forEach(tool -> offered.add(tool.at("/function/name").asText()));
        assertThat(offered).contains("analyze_domain_seo", "analyze_competitors", "research_keywords", "update_artifact")
                .doesNotContain("search_knowledge");
    }

    @Test
    void analyses_a_domain_into_a_domain_overview_after_a_rate_limited_attempt() throws Exception {
        seRanking.failNext("/v1/domain/overview/db", 429, 1);
        int earlier = seRanking.requests("/v1/domain/overview/db").size();
        JsonNode content = artifactMadeBy("analyze the SEO of Example.com", "domain_overview");

        assertThat(content).isEqualTo(JSON.readTree("""
                {"title":"SEO overview of example.com (US)","domain":"example.com","database":"us","currency":"USD",
                 "organic_keywords":15230,"organic_traffic":482000,"organic_traffic_value":391250.75,
                 "paid_keywords":320,"paid_traffic":12100,"paid_traffic_value":18430.2}"""));
        List<SeRankingFake.Received> requests = seRanking.requests("/v1/domain/overview/db");
        assertThat(requests.subList(earlier, requests.size())).extracting(SeRankingFake.Received::status)
                .containsExactly(429, 200);
        assertThat(requests.get(requests.size() - 1).query())
                .containsEntry("source", "us").containsEntry("domain", "example.com").containsEntry("with_subdomains", "1");
    }

    @Test
    void lists_the_competitors_of_a_domain_without_the_domain_itself() throws Exception {
        JsonNode content = artifactMadeBy("who are the organic competitors of example.com?", "competitor_analysis");

        assertThat(content).isEqualTo(JSON.readTree("""
                {"title":"Organic competitors of example.com (US)","domain":"example.com","database":"us","source":"organic",
                 "competitors":[
                   {"domain":"rival.com","common_keywords":1830,"total_keywords":9400,"overlap":0.1947,"traffic":210000},
                   {"domain":"another-shop.co.uk","common_keywords":950,"total_keywords":12000,"overlap":0.0792,"traffic":98000}]}"""));
        assertThat(seRanking.requests("/v1/domain/competitors").get(0).query()).containsEntry("type", "organic");
    }

    @Test
    void researches_keywords_similar_to_a_seed_by_volume() throws Exception {
        JsonNode content = artifactMadeBy("research keywords like \"running shoes\"", "keyword_research");

        assertThat(content).isEqualTo(JSON.readTree("""
                {"title":"Keywords like running shoes (US)","mode":"similar","database":"us","seed_keyword":"running shoes",
                 "keywords":[
                   {"keyword":"best running shoes","volume":74000,"cpc":1.85,"difficulty":67,"competition":0.91},
                   {"keyword":"running shoes sale","volume":22200,"cpc":0.95,"difficulty":35,"competition":1.0},
                   {"keyword":"running shoes for flat feet","volume":9900,"cpc":1.2,"difficulty":41,"competition":0.55}]}"""));
        assertThat(seRanking.requests("/v1/keywords/similar").get(0).query())
                .containsEntry("keyword", "running shoes").containsEntry("limit", "20");
    }

    @Test
    void finds_the_keyword_gap_against_several_competitors_counting_shared_keywords_once() throws Exception {
        JsonNode content = artifactMadeBy("keyword gap of mine.com against rival.com and other.io", "keyword_research");

        assertThat(content).isEqualTo(JSON.readTree("""
                {"title":"Keyword gap of mine.com vs rival.com, other.io (US)","mode":"gap","database":"us",
                 "domain":"mine.com","competitor_domains":["rival.com","other.io"],
                 "keywords":[
                   {"keyword":"marathon training plan","volume":33100,"cpc":0.4,"difficulty":0,"competition":0.1},
                   {"keyword":"trail running shoes","volume":12100,"cpc":1.1,"difficulty":38,"competition":0.7},
                   {"keyword":"running socks","volume":5400,"cpc":0.6,"difficulty":22,"competition":0.4}]}"""));
        assertThat(seRanking.requests("/v1/domain/keywords/comparison")).extracting(r -> r.query().get("domain"))
                .containsExactlyInAnyOrder("rival.com", "other.io");
        assertThat(seRanking.requests("/v1/domain/keywords/comparison")).allSatisfy(request -> assertThat(request.query())
                .containsEntry("compare", "mine.com").containsEntry("diff", "1"));
    }

    @Test
    void tells_the_model_when_se_ranking_rejects_the_key_and_still_answers() {
        seRanking.revokeKey(true);
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, "analyze the SEO of example.com");

        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        assertThat(events.events(thread, ToolCallCompleted.class)).isNotEmpty().allSatisfy(tool -> {
            assertThat(tool.status()).isEqualTo(ToolCallCompleted.FAILED);
            assertThat(tool.output()).startsWith("Error: SE Ranking rejected the API key (HTTP 401");
        });
        assertThat(completed.artifactIds()).isEmpty();
        assertThat(artifactService.forThread(thread)).isEmpty();
    }

    /** Posts the request, waits for the turn and returns the content of the one artifact it created, checked against its schema. */
    private JsonNode artifactMadeBy(String request, String type) throws Exception {
        String thread = ChatMessages.newThread();
        MessagePosted message = chat.post(thread, request);
        TurnCompleted completed = events.awaitCompleted(thread, message.messageId());

        ArtifactServiceStandIn.Received created = artifactService.forThread(thread).get(0);
        assertThat(artifactService.forThread(thread)).hasSize(1);
        assertThat(created.body().path("type").asText()).isEqualTo(type);
        assertThat(created.status()).isEqualTo(201);
        JsonNode content = created.body().path("content");
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(ArtifactTypes.schema(type))).validate(content)).isEmpty();
        assertThat(completed.artifactIds()).containsExactly(JSON.readTree(created.response()).path("id").asText());
        ToolCallCompleted tool = events.events(thread, ToolCallCompleted.class).get(0);
        assertThat(tool.status()).isEqualTo(ToolCallCompleted.COMPLETED);
        assertThat(JSON.readTree(tool.output()).path("content")).isEqualTo(content);
        assertThat(tool.artifact()).isNotNull();
        return content;
    }
}
