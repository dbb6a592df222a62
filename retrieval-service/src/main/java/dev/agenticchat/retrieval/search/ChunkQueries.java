package dev.agenticchat.retrieval.search;

import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.search.RankFusion.Scored;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keyword ranking and passage details, always within one tenant's knowledge base and its indexed documents. */
@Singleton
class ChunkQueries {
    private static final String KEYWORD = """
            SELECT c.id, ts_rank_cd(c.tsv, q) AS score
            FROM chunks c JOIN documents d ON d.id = c.document_id AND d.status = 'indexed',
                 websearch_to_tsquery('english', ?) q
            WHERE c.tenant_id = ? AND c.knowledge_base_id = ? AND c.tsv @@ q
            ORDER BY score DESC, c.id LIMIT ?""";
    private static final String DETAILS = """
            SELECT c.id, c.document_id, d.filename, c.page, c.start_offset, c.end_offset, c.text
            FROM chunks c JOIN documents d ON d.id = c.document_id AND d.status = 'indexed'
            WHERE c.id = ANY(?) AND c.tenant_id = ? AND c.knowledge_base_id = ?""";

    private final JdbcOperations jdbc;

    ChunkQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<Scored> keyword(KnowledgeBase kb, String query, int limit) {
        return jdbc.prepareStatement(KEYWORD, statement -> {
            statement.setString(1, query);
            statement.setString(2, kb.tenantId());
            statement.setObject(3, kb.id());
            statement.setInt(4, limit);
            List<Scored> hits = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    hits.add(new Scored(rs.getObject("id", UUID.class), rs.getDouble("score")));
                }
            }
            return hits;
        });
    }

    /** The passages of {@code ranked}, in its order, with its scores; ids no longer indexed are dropped. */
    @Transactional(readOnly = true)
    List<SearchResponse.Result> details(KnowledgeBase kb, List<Scored> ranked) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        Map<UUID, SearchResponse.Result> byId = jdbc.prepareStatement(DETAILS, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", ranked.stream().map(Scored::chunkId).toArray()));
            statement.setString(2, kb.tenantId());
            statement.setObject(3, kb.id());
            Map<UUID, SearchResponse.Result> rows = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    rows.put(id, new SearchResponse.Result(id, rs.getObject("document_id", UUID.class), rs.getString("filename"),
                            rs.getObject("page", Integer.class), rs.getInt("start_offset"), rs.getInt("end_offset"),
                            rs.getString("text"), 0));
                }
            }
            return rows;
        });
        List<SearchResponse.Result> results = new ArrayList<>();
        for (Scored scored : ranked) {
            SearchResponse.Result row = byId.get(scored.chunkId());
            if (row != null) {
                results.add(new SearchResponse.Result(row.chunkId(), row.documentId(), row.title(), row.page(),
                        row.startOffset(), row.endOffset(), row.text(), scored.score()));
            }
        }
        return results;
    }
}
