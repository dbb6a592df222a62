package dev.agenticchat.retrieval.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.retrieval.document.DocumentType;
import dev.agenticchat.retrieval.fixtures.TestFiles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextExtractorTest {
    private final TextExtractor extractor = new TextExtractor(new ExtractionLimits(100 * 1024 * 1024, 5_000_000,
            Duration.ofSeconds(60)));

    @Test
    void extracts_a_pdf_page_by_page_with_each_pages_place_in_the_text() throws Exception {
        ExtractedText text = extractor.extract(DocumentType.PDF, TestFiles.pdf("Finance grew.", "Penguins huddle together."));

        assertThat(text.sections()).hasSize(2);
        ExtractedText.Section second = text.sections().get(1);
        assertThat(second.page()).isEqualTo(2);
        assertThat(text.text().substring(second.start(), second.end())).isEqualTo("Penguins huddle together.");
    }

    @Test
    void extracts_the_paragraphs_of_a_docx() throws Exception {
        ExtractedText text = extractor.extract(DocumentType.DOCX, TestFiles.docx("Chess openings.", "The queen sacrifice."));

        assertThat(text.text()).contains("Chess openings.").contains("The queen sacrifice.");
        assertThat(text.sections()).singleElement().satisfies(section -> assertThat(section.page()).isNull());
    }

    @Test
    void keeps_the_visible_text_of_html_and_drops_scripts_and_styles() throws Exception {
        ExtractedText text = extractor.extract(DocumentType.HTML, TestFiles.text(
                "<html><head><style>p{color:red}</style><script>var secret = 1;</script></head>"
                        + "<body><h1>Bees</h1><p>Honeybees <b>dance</b>.</p><p>Second paragraph.</p></body></html>"));

        assertThat(text.text()).isEqualTo("Bees\n\nHoneybees dance.\n\nSecond paragraph.");
    }

    @Test
    void removes_nul_characters_postgres_cannot_store() throws Exception {
        assertThat(extractor.extract(DocumentType.TXT, TestFiles.text("a\u0000b")).text()).isEqualTo("ab");
    }

    @Test
    void calls_a_damaged_pdf_unreadable() {
        assertThatThrownBy(() -> extractor.extract(DocumentType.PDF, TestFiles.corruptPdf()))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("PDF could not be read");
    }

    @Test
    void calls_a_document_without_text_unreadable() {
        assertThatThrownBy(() -> extractor.extract(DocumentType.TXT, TestFiles.text(" \n\t ")))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("No text");
    }
}
