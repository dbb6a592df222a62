package dev.agenticchat.agent.tool.knowledge;

import io.micronaut.core.annotation.Nullable;

/** A chunk of an uploaded document that a knowledge search returned. */
record Passage(String chunkId, String documentId, String title, @Nullable Integer page, String text, double score) {
}
