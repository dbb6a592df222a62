package dev.agenticchat.retrieval;

import static dev.agenticchat.retrieval.fixtures.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.retrieval.fixtures.RetrievalApi;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Keyword search on real Postgres full-text search, the way a person asks: a question, a quoted phrase, an exclusion. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeywordSearchIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final String ingestionTopic = TestKafka.createTopic(Topics.RETRIEVAL_INGESTION, 2);
    private String kb;
    private String returns;
    private String receipts;
    private String giftCards;
    private String payments;

    @Inject
    @Client("/")
    HttpClient http;

    private RetrievalApi api;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "retrieval.ingestion.topic", ingestionTopic);
    }

    @BeforeAll
    void indexAShopsPolicies() {
        api = new RetrievalApi(http, jwks.token("tenant-" + UUID.randomUUID(), "alice"));
        kb = api.createKnowledgeBase("Shop policies");
        returns = api.upload(kb, "returns.txt", text("You may return an item within 30 days of purchase if you bring the receipt."));
        receipts = api.upload(kb, "receipts.txt", text("Keep every receipt somewhere dry. A receipt fades in sunlight, "
                + "and a faded receipt is no receipt at all."));
        giftCards = api.upload(kb, "gift-cards.txt", text("Gift cards can be exchanged for store credit but never for cash."));
        payments = api.upload(kb, "payments.txt", text("Credit cards are accepted in every store we run."));
        for (String id : List.of(returns, receipts, giftCards, payments)) {
            api.awaitStatus(id, "indexed", Duration.ofSeconds(120));
        }
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @Test
    void a_question_finds_the_passage_that_answers_it_above_a_passage_matching_fewer_of_its_words() {
        List<Map<String, Object>> results = api.search(kb,
                "how long do I have to return an item with the zebra-striped receipt", "keyword");

        assertThat(results).extracting(result -> (Object) result.get("document_id")).startsWith(returns).contains(receipts);
        assertThat(results).extracting(result -> (Object) result.get("document_id")).doesNotContain(giftCards, payments);
        assertThat(((Number) results.get(0).get("score")).doubleValue()).isGreaterThan(3);
    }

    @Test
    void a_quoted_phrase_matches_only_passages_with_those_words_together() {
        assertThat(api.search(kb, "\"store credit\"", "keyword")).extracting(result -> (Object) result.get("document_id"))
                .containsExactly(giftCards);
        assertThat(api.search(kb, "store credit", "keyword")).extracting(result -> (Object) result.get("document_id"))
                .containsExactlyInAnyOrder(giftCards, payments);
    }

    @Test
    void a_word_after_a_dash_excludes_the_passages_that_contain_it() {
        assertThat(api.search(kb, "receipt -sunlight", "keyword")).extracting(result -> (Object) result.get("document_id"))
                .containsExactly(returns);
    }

    @Test
    void a_query_of_stop_words_and_operators_finds_nothing_and_fails_nothing() {
        assertThat(api.search(kb, "the & | ! ' :* <-> (", "keyword")).isEmpty();
    }
}
