package dev.agenticchat.retrieval;

import static dev.agenticchat.retrieval.fixtures.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.retrieval.fixtures.RetrievalApi;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The keyword ranking reads only the passages holding a question's rarer words when that is enough, and must
 * then answer exactly what ranking every passage holding any of its words answers: here, for questions of
 * common, rare, absent and stop words over a few hundred passages of prose-like text (a few words in most
 * passages, most words in few), compared with that full ranking computed in Postgres.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeywordRankingIT implements TestPropertyProvider {
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "so", "vi", "de", "pa", "zu",
        "qe", "bo", "ri", "fa", "gu", "ho", "je", "xi", "wa"};
    /** The ranking without pruning: every passage holding any word, scored as retrieval-service scores it. */
    private static final String FULL_RANKING = """
            WITH terms AS (
                SELECT array_agg(q) AS parts, string_agg('(' || q::text || ')', ' | ')::tsquery AS any_part
                FROM (SELECT plainto_tsquery('english', w) FROM unnest(?::text[]) w) t (q) WHERE numnode(q) > 0)
            SELECT c.id, (SELECT count(*) FROM unnest(terms.parts) part WHERE c.tsv @@ part)
                         + ts_rank_cd(c.tsv, terms.any_part, 32) AS score
            FROM terms, retrieval.chunks c JOIN retrieval.documents d ON d.id = c.document_id AND d.status = 'indexed'
            WHERE c.knowledge_base_id = ?::uuid AND c.tsv @@ terms.any_part
            ORDER BY score DESC, c.id LIMIT ?""";

    private final TestJwks jwks = TestJwks.start();
    private final String ingestionTopic = TestKafka.createTopic(Topics.RETRIEVAL_INGESTION, 2);
    private final Random random = new Random(11);
    private final List<String> textWords = new ArrayList<>();
    private String kb;
    private RetrievalApi api;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "retrieval.ingestion.topic", ingestionTopic);
    }

    @BeforeAll
    void indexProseOfAFewHundredPassages() {
        api = new RetrievalApi(http, jwks.token("tenant-" + UUID.randomUUID(), "alice"));
        kb = api.createKnowledgeBase("Prose");
        List<String> documents = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            StringBuilder prose = new StringBuilder();
            while (prose.length() < 40_000) {
                int words = 6 + random.nextInt(10);
                for (int w = 0; w < words; w++) {
                    String word = word();
                    textWords.add(word);
                    prose.append(w == 0 ? "" : " ").append(word);
                }
                prose.append(". ");
            }
            documents.add(api.upload(kb, "prose-" + d + ".txt", text(prose.toString())));
        }
        for (String id : documents) {
            api.awaitStatus(id, "indexed", Duration.ofSeconds(120));
        }
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @Test
    void questions_of_common_and_rare_words_get_the_full_rankings_answer() throws Exception {
        int answered = 0;
        for (int q = 0; q < 60; q++) {
            List<String> words = new ArrayList<>();
            int length = 2 + random.nextInt(8);
            for (int w = 0; w < length; w++) {
                int kind = random.nextInt(10);
                words.add(kind == 0 ? "zzyzx" + q : kind == 1 ? "the" : textWords.get(random.nextInt(textWords.size())));
            }
            String query = String.join(" ", words);
            int topK = List.of(1, 5, 10, 50).get(q % 4);

            List<Object> found = api.search(kb, query, "keyword", topK).stream().map(r -> r.get("chunk_id")).toList();
            List<String> full = fullRanking(words, topK);

            assertThat(found).as("query %s, top %d", query, topK).containsExactlyElementsOf(full);
            if (!full.isEmpty()) {
                answered++;
            }
        }
        assertThat(answered).as("queries that found passages").isGreaterThan(40);
    }

    @Test
    void a_question_of_only_common_words_is_ranked_over_every_passage_holding_them() throws Exception {
        List<String> common = List.of(word(1), word(2), word(3));
        String query = String.join(" ", common);

        List<Object> found = api.search(kb, query, "keyword", 50).stream().map(r -> r.get("chunk_id")).toList();

        assertThat(found).hasSize(50).containsExactlyElementsOf(fullRanking(common, 50));
    }

    private List<String> fullRanking(List<String> words, int limit) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), "retrieval_service", "retrieval_service");
             PreparedStatement s = c.prepareStatement(FULL_RANKING)) {
            s.setArray(1, c.createArrayOf("text", words.stream().distinct().toArray()));
            s.setString(2, kb);
            s.setInt(3, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** A made-up word of a Zipf-like draw: a few are in most passages, most in few. */
    private String word() {
        return word((int) Math.min(3999, Math.floor(Math.exp(random.nextDouble() * Math.log(4000)))));
    }

    private static String word(int rank) {
        StringBuilder word = new StringBuilder();
        int n = rank;
        do {
            word.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        return word.toString();
    }
}
