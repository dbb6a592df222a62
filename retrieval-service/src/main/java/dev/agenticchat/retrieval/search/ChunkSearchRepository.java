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
     * of its words. Only passages matching one of the candidate words (a subset of the words) or a
     * phrase are looked at; {@link KeywordSearch} says which subset gives the exact ranking. The
     * parts a passage holds are counted first (one {@code @@} per part, {@code %s}: one term per part);
     * {@code ts_rank_cd}, which costs several times more, is computed only for the passages holding
     * at least as many parts as the {@code limit}-th most, since no other can reach the list. Each
     * part is turned into a tsquery by Postgres from a bound parameter and the parts are joined from
     * Postgres's own quoted text form of them; stop words drop out.
     */
    private static final String KEYWORD = """
            WITH terms AS (
                SELECT array_agg(q) AS parts, string_agg('(' || q::text || ')', ' | ')::tsquery AS any_part
                FROM (SELECT plainto_tsquery('english', w) FROM unnest(?::text[]) w
                      UNION ALL
                      SELECT phraseto_tsquery('english', p) FROM unnest(?::text[]) p) t (q)
                WHERE numnode(q) > 0),
            candidates AS (
                SELECT string_agg('(' || q::text || ')', ' | ')::tsquery AS any_candidate
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
                WHERE numnode(q) > 0),
            held AS MATERIALIZED (
                SELECT c.id, %s AS parts
                FROM terms, candidates, phrases, excluded,
                     chunks c JOIN documents d ON d.id = c.document_id AND d.status = 'indexed'
                WHERE c.tenant_id = ? AND c.knowledge_base_id = ? AND c.tsv @@ candidates.any_candidate
                  AND (phrases.every_phrase IS NULL OR c.tsv @@ phrases.every_phrase)
                  AND (excluded.any_excluded IS NULL OR NOT c.tsv @@ excluded.any_excluded)),
            cut AS (SELECT parts FROM held ORDER BY parts DESC LIMIT 1 OFFSET ?)
            SELECT h.id, h.parts + ts_rank_cd(c.tsv, terms.any_part, 32) AS score
            FROM held h JOIN chunks c ON c.id = h.id, terms
            WHERE h.parts >= coalesce((SELECT parts FROM cut), 0)
            ORDER BY score DESC, h.id LIMIT ?""";
    /** {@link #KEYWORD} for queries of 0 to {@link KeywordQuery#MAX_PARTS} parts. */
    private static final String[] KEYWORD_BY_PARTS = new String[KeywordQuery.MAX_PARTS + 1];

    static {
        for (int n = 0; n <= KeywordQuery.MAX_PARTS; n++) {
            StringBuilder sum = new StringBuilder("0");
            for (int k = 1; k <= n; k++) {
                sum.append(" + coalesce((c.tsv @@ terms.parts[").append(k).append("])::int, 0)");
            }
            KEYWORD_BY_PARTS[n] = KEYWORD.formatted(sum);
        }
    }

    /** The lexemes of each word as the keyword query stems them (none for a stop word). */
    private static final String LEXEMES = """
            SELECT t.i, tsvector_to_array(to_tsvector('english', t.w))
            FROM unnest(?::text[]) WITH ORDINALITY AS t (w, i) ORDER BY t.i""";
    /** How many of (at most) the first {@code n} passages of a knowledge base hold each lexeme, the most common first. */
    private static final String SAMPLE = """
            WITH sample AS MATERIALIZED (SELECT tsv FROM chunks WHERE tenant_id = ? AND knowledge_base_id = ? LIMIT ?),
                 size AS (SELECT count(*) AS passages FROM sample)
            SELECT v.lexeme, count(*)::float8 / max(size.passages) AS share
            FROM sample, unnest(sample.tsv) v, size
            GROUP BY v.lexeme ORDER BY share DESC, v.lexeme LIMIT ?""";
    private static final String DETAILS = """
            SELECT c.id, c.document_id, d.filename, c.page, c.start_offset, c.end_offset, c.text
            FROM chunks c JOIN documents d ON d.id = c.document_id AND d.status = 'indexed'
            WHERE c.id = ANY(?) AND c.tenant_id = ? AND c.knowledge_base_id = ?""";

    private final JdbcOperations jdbc;

    ChunkSearchRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The top {@code limit} passages of the ranking among those holding one of {@code candidateWords} or a phrase. */
    @Transactional(readOnly = true)
    List<Scored> keyword(KnowledgeBase kb, KeywordQuery query, List<String> candidateWords, int limit) {
        if (query.isEmpty()) {
            return List.of();
        }
        int parts = query.words().size() + query.phrases().size();
        return jdbc.prepareStatement(KEYWORD_BY_PARTS[parts], statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("text", query.words().toArray()));
            statement.setArray(2, connection.createArrayOf("text", query.phrases().toArray()));
            statement.setArray(3, connection.createArrayOf("text", candidateWords.toArray()));
            statement.setArray(4, connection.createArrayOf("text", query.phrases().toArray()));
            statement.setArray(5, connection.createArrayOf("text", query.phrases().toArray()));
            statement.setArray(6, connection.createArrayOf("text", query.excluded().toArray()));
            statement.setString(7, kb.tenantId());
            statement.setObject(8, kb.id());
            statement.setInt(9, limit - 1);
            statement.setInt(10, limit);
            List<Scored> hits = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    hits.add(new Scored(rs.getObject("id", UUID.class), rs.getDouble("score")));
                }
            }
            return hits;
        });
    }

    /** Each word's lexemes, in the order of {@code words}. */
    @Transactional(readOnly = true)
    List<List<String>> lexemes(List<String> words) {
        return jdbc.prepareStatement(LEXEMES, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", words.toArray()));
            List<List<String>> lexemes = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    lexemes.add(List.of((String[]) rs.getArray(2).getArray()));
                }
            }
            return lexemes;
        });
    }

    /**
     * The {@code top} most common lexemes in a sample of {@code sample} passages of the knowledge base, each with
     * the share of the sample's passages that hold it.
     */
    @Transactional(readOnly = true)
    Map<String, Double> commonLexemes(KnowledgeBase kb, int sample, int top) {
        return jdbc.prepareStatement(SAMPLE, statement -> {
            statement.setString(1, kb.tenantId());
            statement.setObject(2, kb.id());
            statement.setInt(3, sample);
            statement.setInt(4, top);
            Map<String, Double> shares = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    shares.put(rs.getString(1), rs.getDouble(2));
                }
            }
            return shares;
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
