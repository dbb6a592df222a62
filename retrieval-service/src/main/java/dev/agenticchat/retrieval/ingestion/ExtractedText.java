package dev.agenticchat.retrieval.ingestion;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The plain text of a document and its sections: one per PDF page (numbered from 1), or
 * one without a page for formats that have none. Sections are {@code [start, end)} in {@code text}.
 */
record ExtractedText(String text, List<Section> sections) {
    record Section(@Nullable Integer page, int start, int end) {
    }

    static ExtractedText unpaged(String text) {
        return new ExtractedText(text, List.of(new Section(null, 0, text.length())));
    }

    boolean isBlank() {
        return text.isBlank();
    }
}
