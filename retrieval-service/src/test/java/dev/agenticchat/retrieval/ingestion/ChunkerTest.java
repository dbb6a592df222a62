package dev.agenticchat.retrieval.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank. ";

    @Test
    void keeps_a_short_text_in_one_chunk_with_offsets_into_the_text() {
        ExtractedText text = ExtractedText.unpaged("  One sentence. Two sentences.  ");
        List<TextChunk> chunks = Chunker.split(text, 500, 50);

        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.text()).isEqualTo("One sentence. Two sentences.");
            assertThat(text.text().substring(chunk.start(), chunk.end())).isEqualTo(chunk.text());
            assertThat(chunk.page()).isNull();
        });
    }

    @Test
    void ends_chunks_at_sentence_boundaries_within_the_size() {
        ExtractedText text = ExtractedText.unpaged(SENTENCE.repeat(20).strip());
        List<TextChunk> chunks = Chunker.split(text, 200, 0);

        assertThat(chunks).hasSizeGreaterThan(5).allSatisfy(chunk -> {
            assertThat(chunk.text().length()).isLessThanOrEqualTo(200);
            assertThat(chunk.text()).startsWith("The quick").endsWith("bank.");
            assertThat(text.text().substring(chunk.start(), chunk.end())).isEqualTo(chunk.text());
        });
    }

    @Test
    void repeats_the_end_of_each_chunk_at_the_start_of_the_next_up_to_the_overlap() {
        ExtractedText text = ExtractedText.unpaged(SENTENCE.repeat(20).strip());
        List<TextChunk> chunks = Chunker.split(text, 200, 70);

        for (int i = 1; i < chunks.size(); i++) {
            int overlap = chunks.get(i - 1).end() - chunks.get(i).start();
            assertThat(overlap).isPositive().isLessThanOrEqualTo(70);
        }
        assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(text.text().length());
    }

    @Test
    void carries_the_last_words_when_no_whole_sentence_fits_the_overlap() {
        ExtractedText text = ExtractedText.unpaged(SENTENCE.repeat(10).strip());
        List<TextChunk> chunks = Chunker.split(text, 150, 20);

        for (int i = 1; i < chunks.size(); i++) {
            int overlap = chunks.get(i - 1).end() - chunks.get(i).start();
            assertThat(overlap).isBetween(1, 20);
            assertThat(chunks.get(i).text()).startsWith("near the river bank.");
        }
    }

    @Test
    void cuts_a_sentence_longer_than_the_size_between_words() {
        String words = "word ".repeat(300).strip();
        List<TextChunk> chunks = Chunker.split(ExtractedText.unpaged(words), 100, 0);

        assertThat(chunks).hasSizeGreaterThan(10).allSatisfy(chunk -> {
            assertThat(chunk.text().length()).isLessThanOrEqualTo(100);
            assertThat(chunk.text()).startsWith("word").endsWith("word");
        });
    }

    @Test
    void never_crosses_a_page_and_numbers_each_chunk_with_its_page() {
        String page1 = "First page talks about finance.";
        String page2 = "Second page talks about penguins.";
        String all = page1 + "\n\n" + page2;
        ExtractedText text = new ExtractedText(all, List.of(new ExtractedText.Section(1, 0, page1.length()),
                new ExtractedText.Section(2, page1.length() + 2, all.length())));

        assertThat(Chunker.split(text, 500, 50)).extracting(TextChunk::page, TextChunk::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, page1), org.assertj.core.groups.Tuple.tuple(2, page2));
    }
}
