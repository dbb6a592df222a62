package dev.agenticchat.retrieval;

import static dev.agenticchat.retrieval.fixtures.TestFiles.docx;
import static dev.agenticchat.retrieval.fixtures.TestFiles.pdf;
import static dev.agenticchat.retrieval.fixtures.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DocumentIndexed;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.contracts.events.DocumentIngestionFailed;
import dev.agenticchat.contracts.events.DocumentIngestionProgress;
import dev.agenticchat.contracts.events.DocumentIngestionStarted;
import dev.agenticchat.contracts.events.IngestDocument;
import dev.agenticchat.retrieval.fixtures.TestFiles;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Uploads real small files of every accepted format into one knowledge base, lets the real
 * pipeline (Kafka, Postgres, pgvector, all-MiniLM-L6-v2) ingest them once for the class, and
 * searches them the way agent-service does.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeIngestionIT implements TestPropertyProvider {
    private static final Duration INGESTION = Duration.ofSeconds(120);

    private final TestJwks jwks = TestJwks.start();
    private final String ingestionTopic = TestKafka.createTopic(Topics.RETRIEVAL_INGESTION, 12);
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String token = jwks.token(tenant, "alice");
    private final Map<Sample, String> documentIds = new LinkedHashMap<>();
    private TestKafka.Reader events;
    private String kbId;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    io.micronaut.json.JsonMapper jsonMapper;

    record Sample(String filename, byte[] bytes, String passage, String keywords, Integer page) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("glaciers.txt", text("Alpine glaciers retreat a little more every decade. "
                    + "The Rhone glacier lost forty meters of ice thickness since 1990."),
                    "The Rhone glacier lost forty meters of ice thickness since 1990.", "Rhone glacier thickness", null),
            new Sample("baking.md", text("# Baking\n\nSourdough bread needs a mature starter. "
                    + "Feed the starter with rye flour twelve hours before baking."),
                    "Feed the starter with rye flour twelve hours before baking.", "rye flour starter", null),
            new Sample("bees.html", text("<html><head><title>Bees</title><script>var hidden = 'script text';</script></head>"
                    + "<body><h1>Bees</h1><p>Honeybees tell their sisters where flowers grow with a waggle dance.</p></body></html>"),
                    "Honeybees tell their sisters where flowers grow with a waggle dance.", "waggle dance", null),
            new Sample("volcano.json", text("{\"topic\": \"volcanoes\", "
                    + "\"fact\": \"Mount Etna erupted in spring, sending lava fountains over the summit craters.\"}"),
                    "Mount Etna erupted in spring, sending lava fountains over the summit craters.", "Etna lava fountains", null),
            new Sample("trams.csv", text("city,fact\nLisbon,Yellow trams in Lisbon climb the steep hills of the Alfama district.\n"),
                    "Yellow trams in Lisbon climb the steep hills of the Alfama district.", "Lisbon trams Alfama", null),
            new Sample("report.pdf", pdf("Quarterly finance report.\nRevenue grew modestly this quarter.",
                    "Emperor penguins huddle together on the Antarctic ice\nto survive the polar winter storms."),
                    "Emperor penguins huddle together on the Antarctic ice", "emperor penguins Antarctic", 2),
            new Sample("chess.docx", docx("Notes from the club tournament.",
                    "The grandmaster sacrificed her queen to force checkmate in seven moves."),
                    "The grandmaster sacrificed her queen to force checkmate in seven moves.", "grandmaster queen checkmate", null));

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "retrieval.ingestion.topic", ingestionTopic);
    }

    @BeforeAll
    void ingestOneFileOfEveryFormat() {
        events = new TestKafka.Reader(Topics.RETRIEVAL_EVENTS);
        kbId = createKnowledgeBase(token, "Everything");
        for (Sample sample : SAMPLES) {
            HttpResponse<Map> response = upload(token, kbId, sample.filename(), sample.bytes());
            assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());
            Map<String, Object> doc = response.body();
            assertThat(doc).containsEntry("status", "pending").containsEntry("filename", sample.filename())
                    .containsEntry("knowledge_base_id", kbId).containsEntry("size_bytes", sample.bytes().length)
                    .containsKeys("content_type", "content_hash", "created_at");
            documentIds.put(sample, (String) doc.get("id"));
        }
        documentIds.values().forEach(id -> awaitStatus(token, id, "indexed"));
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        jwks.close();
    }

    @Test
    void finds_the_passage_of_every_format_by_keyword_vector_and_hybrid_search() {
        for (Sample sample : SAMPLES) {
            String documentId = documentIds.get(sample);
            String extracted = http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + documentId + "/text").bearerAuth(token));
            for (String mode : List.of("keyword", "vector", "hybrid")) {
                String query = mode.equals("keyword") ? sample.keywords() : sample.passage();
                Map<String, Object> top = search(token, kbId, Map.of("query", query, "mode", mode, "top_k", 3)).get(0);
                String what = sample.filename() + " by " + mode;
                assertThat((Object) top.get("document_id")).as(what).isEqualTo(documentId);
                assertThat((Object) top.get("title")).as(what).isEqualTo(sample.filename());
                assertThat((Object) top.get("page")).as(what).isEqualTo(sample.page());
                assertThat((String) top.get("text")).as(what).contains(sample.passage());
                int start = (Integer) top.get("start_offset");
                int end = (Integer) top.get("end_offset");
                assertThat(extracted.substring(start, end)).as(what).isEqualTo(top.get("text"));
                assertThat(((Number) top.get("score")).doubleValue()).as(what).isPositive();
            }
        }
    }

    @Test
    void keeps_scripts_out_of_the_text_of_an_html_page() {
        String bees = documentIds.get(SAMPLES.get(2));
        String extracted = http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + bees + "/text").bearerAuth(token));
        assertThat(extracted).contains("waggle dance").doesNotContain("script text");
    }

    @Test
    void publishes_started_progress_and_indexed_events_to_the_uploader() {
        String documentId = documentIds.get(SAMPLES.get(5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(types(documentId)).contains(DocumentIndexed.TYPE));

        List<ConsumerRecord<String, byte[]>> records = events.withHeader(CloudEventHeaders.SUBJECT, documentId);
        assertThat(types(documentId)).containsSubsequence(DocumentIngestionStarted.TYPE, DocumentIngestionProgress.TYPE,
                DocumentIndexed.TYPE);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(documentId);
            assertThat(TestKafka.header(record, CloudEventHeaders.TENANT_ID)).isEqualTo(tenant);
            assertThat(TestKafka.header(record, CloudEventHeaders.USER_ID)).isEqualTo("alice");
        });
        String indexed = records.stream().filter(r -> DocumentIndexed.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertThat(indexed).contains("\"chunk_count\":2").contains("\"knowledge_base_id\":\"" + kbId + "\"");
    }

    @Test
    void answers_a_second_upload_of_the_same_content_with_the_stored_document() {
        Sample glaciers = SAMPLES.get(0);
        HttpResponse<Map> again = upload(token, kbId, "copy-of-glaciers.txt", glaciers.bytes());

        assertThat(again.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(again.body()).containsEntry("duplicate", true).containsEntry("id", documentIds.get(glaciers))
                .containsEntry("status", "indexed").containsEntry("filename", "glaciers.txt");
        Map<?, ?> page = http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases/" + kbId + "/documents").bearerAuth(token), Map.class);
        assertThat((List<Map<String, Object>>) page.get("items"))
                .filteredOn(doc -> doc.get("content_hash").equals(again.body().get("content_hash")))
                .extracting(doc -> doc.get("id")).containsExactly(documentIds.get(glaciers));
    }

    @Test
    void ignores_a_redelivered_command_for_a_document_already_indexed() throws SQLException {
        String glaciers = documentIds.get(SAMPLES.get(0));
        List<String> chunksBefore = chunkIds(glaciers);
        TestKafka.send(ingestionTopic, tenant, text("{\"document_id\":\"" + glaciers + "\",\"knowledge_base_id\":\"" + kbId + "\"}"),
                Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.SOURCE, "/tests",
                        CloudEventHeaders.TYPE, IngestDocument.TYPE, CloudEventHeaders.SPEC_VERSION, "1.0",
                        CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.SUBJECT, tenant,
                        CloudEventHeaders.TENANT_ID, tenant, CloudEventHeaders.USER_ID, "alice"));
        // The tenant's commands are processed in order: once a later upload is indexed, the redelivery was handled.
        String later = (String) upload(token, kbId, "later.txt", text("Kites fly high on windy beaches.")).body().get("id");
        awaitStatus(token, later, "indexed");

        assertThat(chunkIds(glaciers)).isEqualTo(chunksBefore);
        assertThat(types(glaciers)).containsOnlyOnce(DocumentIngestionStarted.TYPE);
        http.toBlocking().exchange(HttpRequest.DELETE("/api/documents/" + later).bearerAuth(token));
    }

    @Test
    void refuses_a_file_over_the_upload_limit_naming_the_field_and_the_limit() {
        byte[] large = text("a".repeat(1_500_000));
        assertProblem(() -> upload(token, kbId, "large.txt", large), HttpStatus.REQUEST_ENTITY_TOO_LARGE, "file", "1 MB");
    }

    @Test
    void refuses_a_file_of_a_type_it_cannot_read_naming_the_field() {
        assertProblem(() -> upload(token, kbId, "photo.png", TestFiles.png()), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file", "image/png");
    }

    @Test
    void records_why_a_corrupt_pdf_failed_and_still_indexes_the_document_after_it() {
        String otherToken = jwks.token("tenant-" + UUID.randomUUID(), "bob");
        String kb = createKnowledgeBase(otherToken, "Broken things");
        String broken = (String) upload(otherToken, kb, "broken.pdf", TestFiles.corruptPdf()).body().get("id");
        String good = (String) upload(otherToken, kb, "fine.txt", text("Lighthouses guide ships along rocky coasts.")).body().get("id");

        Map<?, ?> failed = awaitStatus(otherToken, broken, "failed");
        assertThat((String) failed.get("failure_reason")).contains("PDF could not be read");
        awaitStatus(otherToken, good, "indexed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(types(broken)).contains(DocumentIngestionFailed.TYPE));
        assertThat(search(otherToken, kb, Map.of("query", "lighthouses ships", "mode", "keyword")))
                .extracting(result -> (Object) result.get("document_id")).containsExactly(good);
    }

    @Test
    void hides_documents_and_search_from_another_tenant() {
        String stranger = jwks.token("tenant-" + UUID.randomUUID(), "alice");
        String documentId = documentIds.get(SAMPLES.get(0));

        assertProblem(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + documentId).bearerAuth(stranger)),
                HttpStatus.NOT_FOUND, null, "does not exist");
        assertProblem(() -> http.toBlocking().exchange(HttpRequest.DELETE("/api/documents/" + documentId).bearerAuth(stranger)),
                HttpStatus.NOT_FOUND, null, "does not exist");
        assertProblem(() -> search(stranger, kbId, Map.of("query", "glacier")), HttpStatus.NOT_FOUND, null, "does not exist");
        assertProblem(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases/" + kbId + "/documents").bearerAuth(stranger)),
                HttpStatus.NOT_FOUND, null, "does not exist");
        assertProblem(() -> upload(stranger, kbId, "sneaky.txt", text("sneaky")), HttpStatus.NOT_FOUND, null, "does not exist");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + documentId).bearerAuth(token), Map.class))
                .containsEntry("status", "indexed");
    }

    @Test
    void rejects_an_unknown_search_mode_and_an_out_of_range_top_k_naming_the_field() {
        assertProblem(() -> search(token, kbId, Map.of("query", "glacier", "mode", "fuzzy")), HttpStatus.BAD_REQUEST, "mode", "mode");
        assertProblem(() -> search(token, kbId, Map.of("query", "glacier", "top_k", 51)), HttpStatus.BAD_REQUEST, "top_k", "top_k");
        assertProblem(() -> search(token, kbId, Map.of("query", " ")), HttpStatus.BAD_REQUEST, "query", "query");
    }

    @Test
    void deleting_a_document_or_a_knowledge_base_removes_its_chunks_and_bytes() throws SQLException {
        String kb = createKnowledgeBase(token, "Short-lived");
        String first = (String) upload(token, kb, "owls.txt", text("Barn owls hunt mice in the dark.")).body().get("id");
        String second = (String) upload(token, kb, "bats.txt", text("Bats find insects by echolocation.")).body().get("id");
        awaitStatus(token, first, "indexed");
        awaitStatus(token, second, "indexed");
        assertThat(rows("chunks", first)).isPositive();

        assertThat(http.toBlocking().exchange(HttpRequest.DELETE("/api/documents/" + first).bearerAuth(token)).getStatus().getCode())
                .isEqualTo(HttpStatus.NO_CONTENT.getCode());
        assertThat(rows("chunks", first)).isZero();
        assertThat(rows("document_contents", first)).isZero();
        assertThat(search(token, kb, Map.of("query", "barn owls hunt mice in the dark", "top_k", 10)))
                .extracting(result -> (Object) result.get("document_id")).containsOnly(second);

        http.toBlocking().exchange(HttpRequest.DELETE("/api/knowledge-bases/" + kb).bearerAuth(token));
        assertThat(rows("chunks", second)).isZero();
        assertThat(rows("document_contents", second)).isZero();
        assertProblem(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + second).bearerAuth(token)),
                HttpStatus.NOT_FOUND, null, "does not exist");
    }

    @Test
    void a_linked_sessions_uploads_move_to_the_person_and_an_erasure_deletes_them_and_confirms() throws Exception {
        String person = "person-" + UUID.randomUUID();
        String session = "session-" + UUID.randomUUID();
        String sessionToken = jwks.token(tenant, session);
        String admin = "admin-" + UUID.randomUUID();
        String adminToken = jwks.token(tenant, admin, Role.PERSON, Role.TENANT_ADMIN);
        String shared = createKnowledgeBase(adminToken, "Shared handbook", "tenant");
        String own = createKnowledgeBase(sessionToken, "My own notes", "user");
        String note = (String) upload(sessionToken, own, "note.txt", text("Call the vet on Tuesday.")).body().get("id");
        String policy = (String) upload(adminToken, shared, "parrots.txt", text("Parrots mimic human speech remarkably well.")).body().get("id");
        awaitStatus(sessionToken, note, "indexed");
        awaitStatus(adminToken, policy, "indexed");

        identityEvent(new UserLinked(tenant, session, person, Instant.now()), person);
        await().atMost(Duration.ofSeconds(30)).until(() -> uploadedBy(note).equals(person));
        String personToken = jwks.token(tenant, person, Role.PERSON);
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases/" + own).bearerAuth(personToken), Map.class))
                .as("the session's private knowledge base is the person's now").containsEntry("owner", "user");
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases/" + own).bearerAuth(sessionToken)))
                .as("and no longer the retired session's").isInstanceOf(HttpClientResponseException.class);

        erase(List.of(person, session), person);
        assertThat(rows("chunks", note) + rows("document_contents", note)).isZero();
        assertThat(uploadedBy(note)).isEmpty();
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases/" + own).bearerAuth(personToken), Map.class))
                .as("the knowledge base the person owned is gone").isInstanceOf(HttpClientResponseException.class);

        erase(List.of(admin), admin);
        String visitor = jwks.token(tenant, "visitor-" + UUID.randomUUID());
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/knowledge-bases/" + shared).bearerAuth(visitor), Map.class))
                .as("a tenant knowledge base outlives the administrator who made it").containsEntry("owner", "tenant");
        assertThat(rows("chunks", policy)).as("and keeps what they uploaded").isPositive();
        assertThat(uploadedBy(policy)).as("without their id").isNull();
    }

    private void erase(List<String> userIds, String key) throws Exception {
        String erasureId = UUID.randomUUID().toString();
        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            identityEvent(new ErasureRequested(erasureId, tenant, userIds, "0".repeat(64), Instant.now()), key);
            await().atMost(Duration.ofSeconds(30)).until(() -> identity.records().stream().anyMatch(r ->
                    ErasureCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE))
                            && new String(r.value(), StandardCharsets.UTF_8).contains(erasureId)
                            && new String(r.value(), StandardCharsets.UTF_8).contains("retrieval-service")));
        }
    }

    private void identityEvent(dev.agenticchat.contracts.events.DomainEvent event, String key) throws Exception {
        TestKafka.send(Topics.IDENTITY_EVENTS, key, jsonMapper.writeValueAsBytes(event), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, event.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, key));
    }

    private static String uploadedBy(String documentId) throws SQLException {
        try (Connection connection = TestDatabase.admin();
             PreparedStatement statement = connection.prepareStatement("SELECT uploaded_by FROM retrieval.documents WHERE id = ?")) {
            statement.setObject(1, UUID.fromString(documentId));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private String createKnowledgeBase(String bearer, String name) {
        return createKnowledgeBase(bearer, name, "user");
    }

    private String createKnowledgeBase(String bearer, String name, String owner) {
        Map<?, ?> kb = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases", Map.of("name", name, "owner", owner))
                .bearerAuth(bearer), Map.class);
        return (String) kb.get("id");
    }

    private HttpResponse<Map> upload(String bearer, String kb, String filename, byte[] bytes) {
        MultipartBody body = MultipartBody.builder().addPart("file", filename, MediaType.APPLICATION_OCTET_STREAM_TYPE, bytes).build();
        return http.toBlocking().exchange(HttpRequest.POST("/api/knowledge-bases/" + kb + "/documents", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(bearer), Map.class);
    }

    private List<Map<String, Object>> search(String bearer, String kb, Map<String, Object> body) {
        Map<?, ?> response = http.toBlocking().retrieve(HttpRequest.POST("/api/knowledge-bases/" + kb + "/search", body)
                .bearerAuth(bearer), Map.class);
        return new ArrayList<>((List<Map<String, Object>>) response.get("results"));
    }

    private Map<?, ?> awaitStatus(String bearer, String documentId, String status) {
        return await().atMost(INGESTION).pollInterval(Duration.ofMillis(200)).until(
                () -> http.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + documentId).bearerAuth(bearer), Map.class),
                doc -> status.equals(doc.get("status")));
    }

    private List<String> types(String documentId) {
        return events.withHeader(CloudEventHeaders.SUBJECT, documentId).stream()
                .map(record -> TestKafka.header(record, CloudEventHeaders.TYPE)).toList();
    }

    private static List<String> chunkIds(String documentId) throws SQLException {
        try (Connection connection = TestDatabase.admin();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id FROM retrieval.chunks WHERE document_id = ? ORDER BY ordinal")) {
            statement.setObject(1, UUID.fromString(documentId));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static long rows(String table, String documentId) throws SQLException {
        try (Connection connection = TestDatabase.admin();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM retrieval." + table + " WHERE document_id = ?")) {
            statement.setObject(1, UUID.fromString(documentId));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void assertProblem(ThrowingCallable call, HttpStatus status, String field, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
            assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                    type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
            Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
            assertThat((String) problem.get("detail")).contains(detail);
            if (field != null) {
                assertThat((List<Map<String, String>>) problem.get("errors"))
                        .anySatisfy(error -> assertThat((Object) error.get("field")).isEqualTo(field));
            }
        });
    }
}
