package dev.agenticchat.retrieval.search;

/**
 * What {@code score} means in each mode: KEYWORD, how many of the query's words and quoted
 * phrases the passage contains plus its Postgres {@code ts_rank_cd} scaled to [0, 1) (2.4: two
 * of them, fairly dense; {@link KeywordQuery} has the syntax); VECTOR, cosine similarity of the
 * embeddings (-1 to 1); HYBRID, reciprocal rank fusion of both lists, the sum of
 * 1 / (60 + rank) over the lists a passage appears in (at most 2/61 ≈ 0.033).
 */
enum SearchMode {
    HYBRID, VECTOR, KEYWORD
}
