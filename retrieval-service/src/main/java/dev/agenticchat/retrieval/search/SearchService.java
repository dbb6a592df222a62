package dev.agenticchat.retrieval.search;

import dev.agenticchat.retrieval.embedding.Embedders;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.search.RankFusion.Scored;
import dev.agenticchat.retrieval.vectorstore.VectorStore;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/** Keyword, vector or hybrid (rank-fused) search of one knowledge base; see {@link SearchMode} for the scores. */
@Singleton
class SearchService {
    /** Hybrid search fuses this many candidates of each kind per result asked for (at least 20). */
    private static final int CANDIDATES_PER_RESULT = 4;

    private final ChunkSearchRepository chunks;
    private final KeywordSearch keywords;
    private final Embedders embedders;
    private final VectorStore vectors;
    private final ExecutorService blocking;

    SearchService(ChunkSearchRepository chunks, KeywordSearch keywords, Embedders embedders, VectorStore vectors,
                  @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.chunks = chunks;
        this.keywords = keywords;
        this.blocking = blocking;
        this.embedders = embedders;
        this.vectors = vectors;
    }

    SearchResponse search(KnowledgeBase kb, String query, SearchMode mode, int topK, double minScore) {
        int candidates = mode == SearchMode.HYBRID ? Math.max(20, topK * CANDIDATES_PER_RESULT) : topK;
        List<Scored> ranked = switch (mode) {
            case KEYWORD -> keywords.search(kb, KeywordQuery.parse(query), candidates);
            case VECTOR -> vector(kb, query, candidates);
            case HYBRID -> hybrid(kb, query, candidates);
        };
        List<Scored> kept = ranked.stream().filter(scored -> scored.score() >= minScore).limit(topK).toList();
        return new SearchResponse(chunks.details(kb, kept));
    }

    /** Both rankings at once, the keyword one on another thread (and connection) while the query is embedded. */
    private List<Scored> hybrid(KnowledgeBase kb, String query, int candidates) {
        CompletableFuture<List<Scored>> keyword = CompletableFuture.supplyAsync(
                () -> keywords.search(kb, KeywordQuery.parse(query), candidates), blocking);
        List<Scored> vector = vector(kb, query, candidates);
        try {
            return RankFusion.fuse(keyword.join(), vector);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private List<Scored> vector(KnowledgeBase kb, String query, int limit) {
        float[] embedding = embedders.require(kb.embeddingModel()).embedAll(List.of(query)).get(0);
        return vectors.nearest(kb.tenantId(), kb.id(), embedding, limit).stream()
                .map(match -> new Scored(match.chunkId(), match.score())).toList();
    }
}
