package dev.agenticchat.retrieval.search;

/**
 * What {@code score} means in each mode: KEYWORD, Postgres {@code ts_rank_cd} of the query's
 * terms (0 and up, unbounded, higher is better); VECTOR, cosine similarity of the embeddings
 * (-1 to 1); HYBRID, reciprocal rank fusion of both lists, the sum of 1 / (60 + rank) over the
 * lists a passage appears in (at most 2/61 ≈ 0.033).
 */
enum SearchMode {
    HYBRID, VECTOR, KEYWORD
}
