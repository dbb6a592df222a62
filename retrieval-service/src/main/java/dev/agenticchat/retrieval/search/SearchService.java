package dev.agenticchat.retrieval.search;

import dev.agenticchat.retrieval.embedding.Embedders;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.search.RankFusion.Scored;
import dev.agenticchat.retrieval.vectorstore.VectorStore;
import jakarta.inject.Singleton;
import java.util.List;

/** Keyword, vector or hybrid (rank-fused) search of one knowledge base; see {@link SearchMode} for the scores. */
@Singleton
class SearchService {
    /** Hybrid search fuses this many candidates of each kind per result asked for (at least 20). */
    private static final int CANDIDATES_PER_RESULT = 4;

    private final ChunkSearchRepository chunks;
    private final Embedders embedders;
    private final VectorStore vectors;

    SearchService(ChunkSearchRepository chunks, Embedders embedders, VectorStore vectors) {
        this.chunks = chunks;
        this.embedders = embedders;
        this.vectors = vectors;
    }

    SearchResponse search(KnowledgeBase kb, String query, SearchMode mode, int topK, double minScore) {
        int candidates = mode == SearchMode.HYBRID ? Math.max(20, topK * CANDIDATES_PER_RESULT) : topK;
        List<Scored> ranked = switch (mode) {
            case KEYWORD -> chunks.keyword(kb, KeywordQuery.parse(query), candidates);
            case VECTOR -> vector(kb, query, candidates);
            case HYBRID -> RankFusion.fuse(chunks.keyword(kb, KeywordQuery.parse(query), candidates), vector(kb, query, candidates));
        };
        List<Scored> kept = ranked.stream().filter(scored -> scored.score() >= minScore).limit(topK).toList();
        return new SearchResponse(chunks.details(kb, kept));
    }

    private List<Scored> vector(KnowledgeBase kb, String query, int limit) {
        float[] embedding = embedders.require(kb.embeddingModel()).embedAll(List.of(query)).get(0);
        return vectors.nearest(kb.tenantId(), kb.id(), embedding, limit).stream()
                .map(match -> new Scored(match.chunkId(), match.score())).toList();
    }
}
