package dev.agenticchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    record Ingestion(int documents, int chunks, double seconds, double chunksPerSecond) {
    }

    record Search(int chunks, int syntheticChunks, int queries, Stats.Summary hybridMs, Stats.Summary vectorMs,
                  double hybridRecallAt10, double vectorRecallAt10) {
    }

    private final Gateway gateway;
    private final String jdbcUrl;
    private final Properties admin = new Properties();
    private String token;
    private String knowledgeBaseId;

    Retrieval(Gateway gateway, String jdbcUrl, String adminUser, String adminPassword) {
        this.gateway = gateway;
        this.jdbcUrl = jdbcUrl;
        admin.setProperty("user", adminUser);
        admin.setProperty("password", adminPassword);
    }

    /** Uploads documents of {@code chunksPerDocument} chunks until {@code chunks}, and waits for all to be indexed. */
    Ingestion ingest(int chunks, int chunksPerDocument, Duration timeout) throws Exception {
        token = gateway.anonymousSession().get();
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
        int indexedChunks = 0;
        for (String id : ids) {
            while (true) {
                JsonNode doc = gateway.get("/api/documents/" + id, token).get();
                String status = doc.path("status").asText();
                if ("indexed".equals(status)) {
                    indexedChunks += doc.path("chunk_count").asInt();
                    break;
                }
                if ("failed".equals(status)) {
                    throw new IllegalStateException("document " + id + " failed: " + doc.path("failure_reason"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ingestion: document " + id + " still " + status + " after "
                            + timeout.toSeconds() + " s (raise --timeout-s or lower --ingest-chunks)");
                }
                Thread.sleep(200);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Ingestion(documents, indexedChunks, seconds, indexedChunks / seconds);
    }

    /**
     * Tops the knowledge base up to {@code targetChunks} in SQL when the API-ingested ones are fewer (each synthetic
     * chunk: half the text of one ingested chunk and half of another, embedding their normalised sum, so vectors and
     * words stay in the same space), then runs {@code queries} searches over the gateway in each mode, each query the
     * text of an ingested chunk, and compares the top 10 with exact search (index scans off) over the same rows.
     */
    Search search(int targetChunks, int queries) throws Exception {
        if (knowledgeBaseId == null) {
            throw new IllegalStateException("search needs the knowledge base of the ingest scenario: run both");
        }
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
            List<Double> hybridTimes = new ArrayList<>();
            List<Double> vectorTimes = new ArrayList<>();
            double hybridRecall = 0;
            double vectorRecall = 0;
            for (String[] sample : samples) {
                long t0 = System.nanoTime();
                List<String> hybrid = ids(search(sample[1], "hybrid", TOP_K));
                hybridTimes.add((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                List<String> vector = ids(search(sample[1], "vector", TOP_K));
                vectorTimes.add((System.nanoTime() - t0) / 1e6);
                List<String> keyword = ids(search(sample[1], "keyword", HYBRID_CANDIDATES));
                List<String> exactVector = exactNearest(c, sample[0], HYBRID_CANDIDATES);
                vectorRecall += Stats.recall(vector, exactVector.subList(0, Math.min(TOP_K, exactVector.size())));
                hybridRecall += Stats.recall(hybrid, RankFusion.fuse(keyword, exactVector, TOP_K));
            }
            return new Search(total, synthetic, samples.size(), Stats.Summary.of(hybridTimes),
                    Stats.Summary.of(vectorTimes), hybridRecall / samples.size(), vectorRecall / samples.size());
        }
    }

    private JsonNode search(String query, String mode, int topK) throws Exception {
        String body = Gateway.JSON.createObjectNode().put("query", query).put("mode", mode).put("top_k", topK).toString();
        return gateway.post("/api/knowledge-bases/" + knowledgeBaseId + "/search", token, body).get();
    }

    private static List<String> ids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        for (JsonNode result : response.path("results")) {
            ids.add(result.path("chunk_id").asText());
        }
        return ids;
    }

    /** Exact cosine nearest neighbours of a stored chunk's embedding (what the service embeds its text as). */
    private List<String> exactNearest(Connection c, String chunkId, int k) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement off = c.createStatement()) {
            off.execute("SET LOCAL enable_indexscan = off");
            off.execute("SET LOCAL enable_bitmapscan = off");
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM retrieval.chunks"
                    + " WHERE knowledge_base_id = ?::uuid AND dimensions = 384 ORDER BY embedding::public.vector(384)"
                    + " OPERATOR(public.<=>) (SELECT embedding::public.vector(384) FROM retrieval.chunks WHERE id = ?::uuid)"
                    + " LIMIT ?")) {
                s.setString(1, knowledgeBaseId);
                s.setString(2, chunkId);
                s.setInt(3, k);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
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
                JOIN src a ON a.rn = 1 + (g::bigint * 7919) % n.c
                JOIN src b ON b.rn = 1 + (g::bigint * 104729 + 13) % n.c""";
        int batch = 10_000;
        for (int done = 0; done < missing; done += batch) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, knowledgeBaseId);
                s.setString(2, knowledgeBaseId);
                s.setInt(3, done);
                s.setInt(4, Math.min(batch, missing - done));
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

    Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("knowledge_base_id", knowledgeBaseId);
        return info;
    }
}
