package dev.agenticchat.retrieval.ingestion;

import io.micronaut.core.annotation.Nullable;

/** A passage {@code [start, end)} of the extracted text, on {@code page} when the format has pages. */
record TextChunk(String text, @Nullable Integer page, int start, int end) {
}
