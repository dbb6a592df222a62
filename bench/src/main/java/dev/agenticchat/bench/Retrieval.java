package dev.agenticchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Ingestion through the product's API (uploads to a private knowledge base, MiniLM in retrieval-service) and search
 * over the gateway, checked against exact search the bench runs itself in Postgres.
 */
final class Retrieval {

    /** retrieval-service's default chunking (500 characters, 50 overlapping): a document of k chunks. */
    private static final int CHUNK_CHARS = 450;
    private static final int TOP_K = 10;
    /** Hybrid search fuses max(20, 4 × top_k) candidates of each kind (retrieval-service SearchService). */
    private static final int HYBRID_CANDIDATES = Math.max(20, 4 * TOP_K);
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "so", "vi", "de", "pa", "zu",
        "qe", "bo", "ri", "fa", "gu", "ho", "je", "xi", "wa"};

    /** {@code complete} false: the time ran out with {@code documents - indexedDocuments} still being ingested. */
    record Ingestion(int documents, int indexedDocuments, int chunks, double seconds, double chunksPerSecond,
                     boolean complete) {
    }

    record Search(int chunks, int syntheticChunks, int queries, Stats.Summary hybridMs, Stats.Summary vectorMs,
                  Stats.Summary keywordMs, double hybridRecallAt10, double vectorRecallAt10, double keywordRecallAt40,
                  int vectorAnswersShortOf10, double maxScoreDifferenceServiceVsBench) {
    }

    private final Gateway gateway;
    private final String jdbcUrl;
    private final Properties admin = new Properties();
    private String token;
    private String knowledgeBaseId;
    private boolean complete;
    private String refreshToken;
    /** Access tokens live 15 minutes: the bench renews its own after 10. */
    private static final long TOKEN_RENEWAL = Duration.ofMinutes(10).toNanos();
    private long sessionRefreshedAt = System.nanoTime();
    private final java.util.Map<String, Double> exactScores = new java.util.HashMap<>();

    Retrieval(Gateway gateway, String jdbcUrl, String adminUser, String adminPassword) {
        this.gateway = gateway;
        this.jdbcUrl = jdbcUrl;
        admin.setProperty("user", adminUser);
        admin.setProperty("password", adminPassword);
    }

    /**
     * Takes over a knowledge base an earlier run kept ({@code --keep-knowledge-base}): a new anonymous session of the
     * same tenant is made its owner in SQL, so search can run again without ingesting again.
     */
    void adopt(String id) throws Exception {
        JsonNode session = gateway.post("/api/auth/anonymous", null, "{}").get();
        token = session.path("access_token").asText();
        refreshToken = session.path("refresh_token").asText();
        sessionRefreshedAt = System.nanoTime();
        String payload = token.split("\\.")[1];
        JsonNode claims = Gateway.JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
        try (Connection c = DriverManager.getConnection(jdbcUrl, admin);
             PreparedStatement s = c.prepareStatement("UPDATE retrieval.knowledge_bases SET owner_id = ?"
                     + " WHERE id = ?::uuid AND tenant_id = ? AND owner_kind = 'user'")) {
            s.setString(1, claims.path("sub").asText());
            s.setString(2, id);
            s.setString(3, claims.path("tenant").asText());
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("no knowledge base " + id + " of an anonymous user of tenant "
                        + claims.path("tenant").asText() + " to reuse");
            }
        }
        knowledgeBaseId = id;
        complete = true;
    }

    /** Uploads documents of {@code chunksPerDocument} chunks until {@code chunks}, and waits for all to be indexed. */
    Ingestion ingest(int chunks, int chunksPerDocument, Duration timeout) throws Exception {
        JsonNode session = gateway.post("/api/auth/anonymous", null, "{}").get();
        token = session.path("access_token").asText();
        refreshToken = session.path("refresh_token").asText();
        sessionRefreshedAt = System.nanoTime();
        knowledgeBaseId = gateway.post("/api/knowledge-bases", token, "{\"name\":\"bench " + UUID.randomUUID() + "\"}")
                .get().path("id").asText();
        Random random = new Random(17);
        int documents = Math.max(1, chunks / chunksPerDocument);
        Semaphore uploading = new Semaphore(4);
        List<CompletableFuture<String>> uploads = new ArrayList<>();
        long start = System.nanoTime();
        for (int d = 0; d < documents; d++) {
            String text = document(random, chunksPerDocument);
            uploading.acquire();
            uploads.add(upload("bench-" + d + ".txt", text).whenComplete((id, e) -> uploading.release()));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> upload : uploads) {
            ids.add(upload.get());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = new ArrayList<>(ids);
        int indexedChunks = 0;
        long lastIndexed = start;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (String id : List.copyOf(pending)) {
                JsonNode doc = gateway.get("/api/documents/" + id, token).get();
                String status = doc.path("status").asText();
                if ("indexed".equals(status)) {
                    indexedChunks += doc.path("chunk_count").asInt();
                    lastIndexed = System.nanoTime();
                    pending.remove(id);
                } else if ("failed".equals(status)) {
                    throw new IllegalStateException("document " + id + " failed: " + doc.path("failure_reason"));
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        double seconds = (lastIndexed - start) / 1e9;
        complete = pending.isEmpty();
        return new Ingestion(documents, documents - pending.size(), indexedChunks, seconds,
                seconds > 0 ? indexedChunks / seconds : 0, complete);
    }

    /**
     * Tops the knowledge base up to {@code targetChunks} in SQL when the API-ingested ones are fewer (each synthetic
     * chunk: half the text of one ingested chunk and half of another, embedding their normalised sum, so vectors and
     * words stay in the same space), then runs {@code queries} searches over the gateway in each mode, each query eight
     * words of an ingested chunk, and compares the top 10 with exact search over the same rows: the query embedded by
     * the bench with the same model, cosine over every row with index scans off.
     */
    Search search(int targetChunks, int queries) throws Exception {
        if (knowledgeBaseId == null || !complete) {
            throw new IllegalStateException("search needs the knowledge base of the ingest scenario, fully indexed");
        }
        // Ingestion and the top-up can outlast an access token (15 minutes): start searching with a fresh one.
        refreshSession();
        int synthetic;
        List<String[]> samples = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, admin)) {
            synthetic = topUp(c, targetChunks);
            try (PreparedStatement s = c.prepareStatement("SELECT id, text FROM retrieval.chunks"
                    + " WHERE knowledge_base_id = ?::uuid AND ordinal < 100000 ORDER BY md5(id::text) LIMIT ?")) {
                s.setString(1, knowledgeBaseId);
                s.setInt(2, queries);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        samples.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            int total = count(c);
            AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
            List<Double> hybridTimes = new ArrayList<>();
            List<Double> vectorTimes = new ArrayList<>();
            List<Double> keywordTimes = new ArrayList<>();
            double hybridRecall = 0;
            double vectorRecall = 0;
            double keywordRecall = 0;
            int shortAnswers = 0;
            double scoreDifference = 0;
            for (String[] sample : samples) {
                String query = query(sample[1]);
                long t0 = System.nanoTime();
                List<String> hybrid = ids(search(query, "hybrid", TOP_K));
                hybridTimes.add((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                JsonNode vectorAnswer = search(query, "vector", TOP_K);
                List<String> vector = ids(vectorAnswer);
                vectorTimes.add((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                List<String> keyword = ids(search(query, "keyword", HYBRID_CANDIDATES));
                keywordTimes.add((System.nanoTime() - t0) / 1e6);
                List<String> exactKeyword = exactKeyword(c, query, HYBRID_CANDIDATES);
                keywordRecall += Stats.recall(keyword, exactKeyword);
                float[] embedding = model.embed(query).content().vector();
                List<String> exactVector = exactNearest(c, embedding, HYBRID_CANDIDATES);
                vectorRecall += Stats.recall(vector, exactVector.subList(0, Math.min(TOP_K, exactVector.size())));
                // The service's and the bench's embeddings of a query agree when a chunk both found scores alike.
                for (JsonNode result : vectorAnswer.path("results")) {
                    Double exact = exactScores.get(result.path("chunk_id").asText());
                    if (exact != null) {
                        scoreDifference = Math.max(scoreDifference, Math.abs(exact - result.path("score").asDouble()));
                    }
                }
                if (vector.size() < TOP_K) {
                    shortAnswers++;
                }
                hybridRecall += Stats.recall(hybrid, RankFusion.fuse(exactKeyword, exactVector, TOP_K));
            }
            return new Search(total, synthetic, samples.size(), Stats.Summary.of(hybridTimes),
                    Stats.Summary.of(vectorTimes), Stats.Summary.of(keywordTimes), hybridRecall / samples.size(),
                    vectorRecall / samples.size(), keywordRecall / samples.size(), shortAnswers, scoreDifference);
        }
    }

    /** A question-sized query: eight words from the middle of an ingested chunk. */
    static String query(String chunkText) {
        String[] words = chunkText.replace(".", "").trim().split("\\s+");
        int from = Math.max(0, words.length / 2 - 4);
        return String.join(" ", java.util.Arrays.copyOfRange(words, from, Math.min(words.length, from + 8)));
    }

    private JsonNode search(String query, String mode, int topK) throws Exception {
        String body = Gateway.JSON.createObjectNode().put("query", query).put("mode", mode).put("top_k", topK).toString();
        // The queries and the bench's exact searches beside them can outlast an access token too.
        if (System.nanoTime() - sessionRefreshedAt > TOKEN_RENEWAL) {
            refreshSession();
        }
        return gateway.post("/api/knowledge-bases/" + knowledgeBaseId + "/search", token, body).get();
    }

    private void refreshSession() throws Exception {
        JsonNode refreshed = gateway.post("/api/auth/refresh", null,
                Gateway.JSON.createObjectNode().put("refresh_token", refreshToken).toString()).get();
        token = refreshed.path("access_token").asText();
        refreshToken = refreshed.path("refresh_token").asText(refreshToken);
        sessionRefreshedAt = System.nanoTime();
    }

    private static List<String> ids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        for (JsonNode result : response.path("results")) {
            ids.add(result.path("chunk_id").asText());
        }
        return ids;
    }

    /**
     * The keyword ranking of retrieval-service (ChunkSearchRepository) over every passage holding any of the words,
     * without its pruning: how many of the words a passage holds plus ts_rank_cd / (1 + ts_rank_cd).
     */
    private List<String> exactKeyword(Connection c, String query, int k) throws Exception {
        String[] words = java.util.Arrays.stream(query.toLowerCase(java.util.Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty()).distinct().toArray(String[]::new);
        try (PreparedStatement s = c.prepareStatement("""
                WITH terms AS (
                    SELECT array_agg(q) AS parts, string_agg('(' || q::text || ')', ' | ')::tsquery AS any_part
                    FROM (SELECT plainto_tsquery('english', w) FROM unnest(?::text[]) w) t (q) WHERE numnode(q) > 0)
                SELECT c.id, (SELECT count(*) FROM unnest(terms.parts) part WHERE c.tsv @@ part)
                             + ts_rank_cd(c.tsv, terms.any_part, 32) AS score
                FROM terms, retrieval.chunks c JOIN retrieval.documents d ON d.id = c.document_id AND d.status = 'indexed'
                WHERE c.knowledge_base_id = ?::uuid AND c.tsv @@ terms.any_part
                ORDER BY score DESC, c.id LIMIT ?""")) {
            s.setArray(1, c.createArrayOf("text", words));
            s.setString(2, knowledgeBaseId);
            s.setInt(3, k);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** Exact cosine nearest neighbours of the query's embedding: every row of the knowledge base, no index. */
    private List<String> exactNearest(Connection c, float[] query, int k) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement off = c.createStatement()) {
            off.execute("SET LOCAL enable_indexscan = off");
            off.execute("SET LOCAL enable_bitmapscan = off");
            try (PreparedStatement s = c.prepareStatement("SELECT id, 1 - (embedding::public.vector(384)"
                    + " OPERATOR(public.<=>) CAST(? AS public.vector(384))) AS score FROM retrieval.chunks"
                    + " WHERE knowledge_base_id = ?::uuid AND dimensions = 384 ORDER BY embedding::public.vector(384)"
                    + " OPERATOR(public.<=>) CAST(? AS public.vector(384)) LIMIT ?")) {
                String vector = java.util.Arrays.toString(query);
                s.setString(1, vector);
                s.setString(2, knowledgeBaseId);
                s.setString(3, vector);
                s.setInt(4, k);
                List<String> ids = new ArrayList<>();
                exactScores.clear();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                        exactScores.put(rs.getString(1), rs.getDouble(2));
                    }
                }
                return ids;
            }
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
    }

    private int topUp(Connection c, int target) throws Exception {
        int missing = target - count(c);
        if (missing <= 0) {
            return 0;
        }
        String sql = """
                WITH src AS (SELECT document_id, tenant_id, text, embedding::public.vector(384) AS e,
                                    row_number() OVER (ORDER BY id) AS rn
                             FROM retrieval.chunks WHERE knowledge_base_id = ?::uuid AND ordinal < 100000),
                     n AS (SELECT count(*) AS c FROM src)
                INSERT INTO retrieval.chunks (id, document_id, knowledge_base_id, tenant_id, ordinal, text, page,
                                              start_offset, end_offset, dimensions, embedding)
                SELECT gen_random_uuid(), a.document_id, ?::uuid, a.tenant_id, 100000 + ? + g,
                       left(a.text, length(a.text) / 2) || right(b.text, length(b.text) / 2), NULL, 0, 0, 384,
                       public.l2_normalize(a.e OPERATOR(public.+) b.e)
                FROM generate_series(1, ?) AS g CROSS JOIN n
                JOIN src a ON a.rn = 1 + (g - 1 + ?) % n.c
                JOIN src b ON b.rn = 1 + ((g - 1 + ?) % n.c + 1 + (g - 1 + ?) / n.c) % n.c""";
        int batch = 10_000;
        for (int done = 0; done < missing; done += batch) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, knowledgeBaseId);
                s.setString(2, knowledgeBaseId);
                s.setInt(3, done);
                s.setInt(4, Math.min(batch, missing - done));
                // Pair i: chunk i mod n with the one (1 + i / n) after it, so no pair (and no embedding) repeats.
                s.setInt(5, done);
                s.setInt(6, done);
                s.setInt(7, done);
                s.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE retrieval.chunks");
        }
        return missing;
    }

    private int count(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM retrieval.chunks WHERE knowledge_base_id = ?::uuid")) {
            s.setString(1, knowledgeBaseId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private CompletableFuture<String> upload(String filename, String text) {
        String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl + "/api/knowledge-bases/"
                        + knowledgeBaseId + "/documents")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return gateway.send(request).thenApply(json -> json.path("id").asText());
    }

    /** Sentences of made-up words (a vocabulary of a few thousand), deterministic for a seed. */
    /**
     * The floor of ingestion: the same MiniLM embedding chunk-sized texts of the same kind in this
     * process alone (no upload, extraction, database or index), in chunks per second. Run while the
     * suite is idle, so the two compete for the cores no more than ingestion does with the suite.
     */
    static double modelChunksPerSecond(int texts) {
        Random random = new Random(29);
        List<dev.langchain4j.data.segment.TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < texts; i++) {
            segments.add(dev.langchain4j.data.segment.TextSegment.from(document(random, 1)));
        }
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        model.embedAll(segments.subList(0, Math.min(16, texts)));
        long start = System.nanoTime();
        model.embedAll(segments);
        return texts / ((System.nanoTime() - start) / 1e9);
    }

    static String document(Random random, int chunks) {
        StringBuilder text = new StringBuilder();
        int target = chunks * CHUNK_CHARS;
        while (text.length() < target) {
            int words = 6 + random.nextInt(10);
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append(word(random));
            }
            text.append(". ");
        }
        return text.toString();
    }

    private static String word(Random random) {
        // A Zipf-like draw: a few words are common, most are rare, as in prose.
        int rank = (int) Math.min(3999, Math.floor(Math.exp(random.nextDouble() * Math.log(4000))));
        StringBuilder word = new StringBuilder();
        int n = rank;
        do {
            word.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        return word.toString();
    }

    String knowledgeBaseId() {
        return knowledgeBaseId;
    }

    /** Deletes the bench's knowledge base (its documents and chunks, the synthetic ones with them). */
    void cleanUp() {
        if (knowledgeBaseId == null) {
            return;
        }
        try {
            gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl + "/api/knowledge-bases/" + knowledgeBaseId))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).DELETE().build()).get();
        } catch (Exception e) {
            System.out.println("bench: could not delete knowledge base " + knowledgeBaseId + ": " + e);
        }
    }
}
