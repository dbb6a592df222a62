package dev.agenticchat.retrieval.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.retrieval.fixtures.TestFiles;
import dev.agenticchat.support.web.ApiProblem;
import org.junit.jupiter.api.Test;

class DocumentTypeDetectorTest {
    private final DocumentTypeDetector detector = new DocumentTypeDetector();

    @Test
    void recognises_every_accepted_format_from_its_bytes_and_name() {
        assertThat(detector.detect(TestFiles.text("plain words"), "notes.txt")).isEqualTo(DocumentType.TXT);
        assertThat(detector.detect(TestFiles.text("# Title\n\nbody"), "readme.md")).isEqualTo(DocumentType.MARKDOWN);
        assertThat(detector.detect(TestFiles.text("<html><body><p>hi</p></body></html>"), "page.html")).isEqualTo(DocumentType.HTML);
        assertThat(detector.detect(TestFiles.text("{\"a\": 1}"), "data.json")).isEqualTo(DocumentType.JSON);
        assertThat(detector.detect(TestFiles.text("a,b\n1,2\n"), "table.csv")).isEqualTo(DocumentType.CSV);
        assertThat(detector.detect(TestFiles.pdf("page"), "report.pdf")).isEqualTo(DocumentType.PDF);
        assertThat(detector.detect(TestFiles.docx("para"), "letter.docx")).isEqualTo(DocumentType.DOCX);
    }

    @Test
    void goes_by_the_bytes_when_the_name_lies() {
        assertThat(detector.detect(TestFiles.pdf("page"), "report.txt")).isEqualTo(DocumentType.PDF);
    }

    @Test
    void refuses_an_image_naming_the_file_field() {
        assertThatThrownBy(() -> detector.detect(TestFiles.png(), "photo.png"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status().getCode()).isEqualTo(415);
                    assertThat(problem.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("file"));
                });
    }
}
