package dev.agenticchat.retrieval.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.agenticchat.retrieval.document.DocumentType;
import dev.agenticchat.retrieval.fixtures.HostileFiles;
import dev.agenticchat.retrieval.fixtures.TestFiles;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extractor and chunker against files built to exhaust them; each limit must stop the work early, not after it. */
class HostileDocumentsTest {
    private static final long MB = 1024 * 1024;
    private static final ExtractionLimits LIMITS = new ExtractionLimits(20 * MB, 1_000_000, Duration.ofSeconds(2));

    private final TextExtractor extractor = new TextExtractor(LIMITS);
    private final DocumentReader reader = new DocumentReader(extractor, LIMITS);

    @AfterEach
    void stopReader() {
        reader.stop();
    }

    @Test
    void refuses_a_docx_whose_xml_inflates_past_the_limit_before_poi_holds_it() {
        byte[] bomb = HostileFiles.docxBomb(100 * MB);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> extractor.extract(DocumentType.DOCX, bomb))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("The document expands to more than 20 MB when unpacked, more than a document may."));
    }

    @Test
    void refuses_a_pdf_whose_content_stream_inflates_past_the_limit() {
        byte[] pdf = HostileFiles.pdfWithHugeContentStream(100 * MB);
        assertThat(pdf.length).isLessThan(1024 * 1024);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> extractor.extract(DocumentType.PDF, pdf))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("expands to more than 20 MB when unpacked"));
    }

    @Test
    void stops_a_pdf_that_keeps_drawing_without_text_at_the_time_limit() {
        byte[] pdf = HostileFiles.pdfThatNeverFinishesDrawing(100_000, 5_000);

        long started = System.nanoTime();
        assertThatThrownBy(() -> reader.read(DocumentType.PDF, pdf, 500, 50))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("Reading the document took longer than 2 s, longer than a document may.");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void refuses_text_over_the_character_limit() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> extractor.extract(DocumentType.TXT, HostileFiles.oneLongLine(50_000_000)))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("The document has more than 1,000,000 characters of text, more than a document may."));
    }

    @Test
    void refuses_a_pdf_over_the_character_limit_while_it_writes_the_text() {
        String page = "Lots of text on every page of this long report. ".repeat(60);
        String[] pages = new String[400];
        java.util.Arrays.fill(pages, page);
        ExtractionLimits small = new ExtractionLimits(20 * MB, 100_000, Duration.ofSeconds(20));

        assertThatThrownBy(() -> new TextExtractor(small).extract(DocumentType.PDF, TestFiles.pdf(pages)))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("more than 100,000 characters");
    }

    @Test
    void reads_and_chunks_a_single_line_of_a_megabyte_in_linear_time() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            DocumentReader.ChunkedText read = reader.read(DocumentType.TXT, HostileFiles.oneLongLine(999_000), 500, 50);

            assertThat(read.text().text()).hasSize(998_999);
            assertThat(read.chunks().size()).isGreaterThanOrEqualTo(999_000 / 500);
            assertThat(read.chunks().stream().mapToInt(chunk -> chunk.text().length()).max().orElseThrow()).isLessThanOrEqualTo(500);
        });
    }

    @Test
    void cleans_a_long_run_of_spaces_without_a_line_end_in_linear_time() {
        String text = "a" + " ".repeat(2_000_000) + "b\n" + "c \t \n\n\n\nd";

        String cleaned = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> TextExtractor.clean(text));

        assertThat(cleaned).isEqualTo("a" + " ".repeat(2_000_000) + "b\nc\n\nd");
    }

    @Test
    void keeps_the_old_cleaning_of_line_ends_nul_and_blank_lines() {
        assertThat(TextExtractor.clean("  one\r\ntwo \t\r\rthree\u0000 \n \n \n four  ")).isEqualTo("one\ntwo\n\nthree\n\n four");
        assertThat(List.of(TextExtractor.clean("x\n\n\ny"), TextExtractor.clean("\r\n\r\nx"))).containsExactly("x\n\ny", "x");
    }
}
