package dev.agenticchat.retrieval.embedding;

import java.util.List;

/** Turns passages into vectors of a fixed dimension; a knowledge base names its embedder at creation. */
public interface Embedder {
    /** The name knowledge bases store in {@code embedding_model}. */
    String name();

    int dimensions();

    /** One vector per text, in order. Throws on a transient failure (network, rate limit). */
    List<float[]> embedAll(List<String> texts);
}
