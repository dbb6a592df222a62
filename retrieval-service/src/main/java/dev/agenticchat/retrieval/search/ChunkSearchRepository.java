package dev.agenticchat.retrieval.search;

import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.search.RankFusion.Scored;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keyword ranking and passage details, always within one tenant's knowledge base and its indexed documents. */
@Singleton
class ChunkSearchRepository {
    /**
     * Passages that match any word or phrase, contain every phrase and none of the excluded: scored
     * by how many of the words and phrases they contain, then by {@code ts_rank_cd} normalised to
     * [0, 1) ({@code 32}: rank / (rank + 1)), so matching more of a question beats repeating one
     * of its words. Each part is turned into a tsquery by Postgres from a bound parameter and the
     * parts are joined from Postgres's own quoted text form of them; stop words drop out.
     */
    private static final String KEYWORD = """
            WITH terms AS (
                SELECT array_agg(q) AS parts, string_agg('(' || q::text || ')', ' | ')::tsquery AS any_part
                FROM (SELECT plainto_tsquery('english', w) FROM unnest(?::text[]) w
                      UNION ALL
                      SELECT phraseto_tsquery('english', p) FROM unnest(?::text[]) p) t (q)
                WHERE numnode(q) > 0),
            phrases AS (
                SELECT string_agg('(' || q::text || ')', ' & ')::tsquery AS every_phrase
                FROM (SELECT phraseto_tsquery('english', p) FROM unnest(?::text[]) p) t (q)
                WHERE numnode(q) > 0),
            excluded AS (
                SELECT string_agg('(' || q::text || ')', ' | ')::tsquery AS any_excluded
                FROM (SELECT phraseto_tsquery('english', e) FROM unnest(?::text[]) e) t (q)
                WHERE numnode(q) > 0)
            SELECT c.id, (SELECT count(*) FROM unnest(terms.parts) part WHERE c.tsv @@ part)
                         + ts_rank_cd(c.tsv, terms.any_part, 32) AS score
            FROM terms, phrases, excluded,
                 chunks c JOIN documents d ON d.id = c.document_id AND d.status = 'indexed'
            WHERE c.tenant_id = ? AND c.knowledge_base_id = ? AND c.tsv @@ terms.any_part
              AND (phrases.every_phrase IS NULL OR c.tsv @@ phrases.every_phrase)
              AND (excluded.any_excluded IS NULL OR NOT c.tsv @@ excluded.any_excluded)
            ORDER BY score DESC, c.id LIMIT ?""";
    private static final String DETAILS = """
            SELECT c.id, c.document_id, d.filename, c.page, c.start_offset, c.end_offset, c.text
            FROM chunks c JOIN documents d ON d.id = c.document_id AND d.status = 'indexed'
            WHERE c.id = ANY(?) AND c.tenant_id = ? AND c.knowledge_base_id = ?""";

    private final JdbcOperations jdbc;

    ChunkSearchRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<Scored> keyword(KnowledgeBase kb, KeywordQuery query, int limit) {
        if (query.isEmpty()) {
            return List.of();
        }
        return jdbc.prepareStatement(KEYWORD, statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("text", query.words().toArray()));
            statement.setArray(2, connection.createArrayOf("text", query.phrases().toArray()));
            statement.setArray(3, connection.createArrayOf("text", query.phrases().toArray()));
            statement.setArray(4, connection.createArrayOf("text", query.excluded().toArray()));
            statement.setString(5, kb.tenantId());
            statement.setObject(6, kb.id());
            statement.setInt(7, limit);
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
