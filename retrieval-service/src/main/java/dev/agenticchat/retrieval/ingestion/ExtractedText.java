package dev.agenticchat.retrieval.ingestion;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The plain text of a document and its sections: one per PDF page (numbered from 1), or
 * one without a page for formats that have none. Sections are {@code [start, end)} in {@code text}.
 * {@code pages} is the PDF's page count (pages without text included), null for other formats.
 */
record ExtractedText(String text, List<Section> sections, @Nullable Integer pages) {
    record Section(@Nullable Integer page, int start, int end) {
    }

    /** Pages counted as far as the sections go: the last page with text. */
    ExtractedText(String text, List<Section> sections) {
        this(text, sections, sections.stream().map(Section::page).filter(page -> page != null)
                .max(Integer::compare).orElse(null));
    }

    static ExtractedText unpaged(String text) {
        return new ExtractedText(text, List.of(new Section(null, 0, text.length())), null);
    }

    boolean isBlank() {
        return text.isBlank();
    }
}
