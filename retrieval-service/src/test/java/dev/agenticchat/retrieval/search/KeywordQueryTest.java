package dev.agenticchat.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeywordQueryTest {
    @Test
    void reads_each_word_of_a_question_as_a_term_any_of_which_may_match() {
        KeywordQuery query = KeywordQuery.parse("how long do I have to return an item with the zebra-striped receipt?");

        assertThat(query.words()).containsExactly("how", "long", "do", "i", "have", "to", "return", "an", "item", "with",
                "the", "zebra-striped", "receipt?");
        assertThat(query.phrases()).isEmpty();
        assertThat(query.excluded()).isEmpty();
    }

    @Test
    void keeps_a_quoted_phrase_whole() {
        KeywordQuery query = KeywordQuery.parse("refund \"store credit\" policy");

        assertThat(query.words()).containsExactly("refund", "policy");
        assertThat(query.phrases()).containsExactly("store credit");
    }

    @Test
    void takes_an_unclosed_quote_as_a_phrase_to_the_end() {
        assertThat(KeywordQuery.parse("refund \"store credit").phrases()).containsExactly("store credit");
    }

    @Test
    void reads_a_leading_dash_as_an_exclusion_of_a_word_or_a_phrase_but_not_a_dash_inside_a_word() {
        KeywordQuery query = KeywordQuery.parse("returns -electronics --gift -\"final sale\" zebra-striped - ");

        assertThat(query.words()).containsExactly("returns", "zebra-striped");
        assertThat(query.excluded()).containsExactly("electronics", "gift", "final sale");
    }

    @Test
    void passes_tsquery_operators_through_as_plain_text_for_postgres_to_ignore() {
        KeywordQuery query = KeywordQuery.parse("a:* & !b | c') <-> d");

        assertThat(query.words()).containsExactly("a:*", "&", "!b", "|", "c')", "<->", "d");
    }

    @Test
    void is_empty_when_it_only_excludes() {
        assertThat(KeywordQuery.parse("-returns -\"gift card\"").isEmpty()).isTrue();
        assertThat(KeywordQuery.parse("   ").isEmpty()).isTrue();
        assertThat(KeywordQuery.parse("\"gift card\"").isEmpty()).isFalse();
    }

    @Test
    void drops_repeated_terms_and_stops_at_the_part_limit() {
        assertThat(KeywordQuery.parse("Receipt receipt RECEIPT").words()).containsExactly("receipt");
        String hundredWords = String.join(" ", IntStream.range(0, 100).mapToObj(i -> "t" + i).toList());
        assertThat(KeywordQuery.parse(hundredWords).words()).hasSize(KeywordQuery.MAX_PARTS).endsWith("t31");
    }
}
