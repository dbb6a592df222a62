package dev.agenticchat.retrieval;

import static dev.agenticchat.retrieval.fixtures.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DocumentIngestionFailed;
import dev.agenticchat.retrieval.fixtures.HostileFiles;
import dev.agenticchat.retrieval.fixtures.RetrievalApi;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Files built to exhaust the ingestion (a zip bomb, a PDF that inflates or never stops drawing,
 * a megabyte of one line) fail with a reason people can read, within the limits, and the
 * tenant's next document, queued behind them, is still indexed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileUploadsIT implements TestPropertyProvider {
    private static final long MB = 1024 * 1024;
    /** The time limit plus room for a loaded machine; far less than the bombs would take unchecked. */
    private static final Duration WITHIN_LIMITS = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();
    private final String ingestionTopic = TestKafka.createTopic(Topics.RETRIEVAL_INGESTION, 2);
    private TestKafka.Reader events;
    private RetrievalApi api;
    private String kb;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "retrieval.ingestion.topic", ingestionTopic,
                "retrieval.ingestion.limits.max-decompressed-size", "20MB",
                "retrieval.ingestion.limits.max-extracted-chars", "200000",
                "retrieval.ingestion.limits.timeout", "5s");
    }

    @BeforeAll
    void start() {
        events = new TestKafka.Reader(Topics.RETRIEVAL_EVENTS);
        api = new RetrievalApi(http, jwks.token("tenant-" + UUID.randomUUID(), "mallory"));
        kb = api.createKnowledgeBase("Hostile uploads");
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        jwks.close();
    }

    @Test
    void a_docx_that_unpacks_to_gigabytes_fails_as_too_large_when_unpacked_and_the_next_document_is_indexed() {
        assertFailsAndTheNextIsIndexed("bomb.docx", HostileFiles.docxBomb(200 * MB),
                "The document expands to more than 20 MB when unpacked, more than a document may.");
    }

    @Test
    void a_pdf_with_a_huge_content_stream_fails_as_too_large_when_unpacked_and_the_next_document_is_indexed() {
        assertFailsAndTheNextIsIndexed("huge-stream.pdf", HostileFiles.pdfWithHugeContentStream(200 * MB),
                "The document expands to more than 20 MB when unpacked, more than a document may.");
    }

    @Test
    void a_pdf_that_never_finishes_drawing_fails_at_the_time_limit_and_the_next_document_is_indexed() {
        assertFailsAndTheNextIsIndexed("endless.pdf", HostileFiles.pdfThatNeverFinishesDrawing(100_000, 5_000),
                "Reading the document took longer than 5 s, longer than a document may.");
    }

    @Test
    void a_text_file_of_one_line_over_the_character_limit_fails_and_the_next_document_is_indexed() {
        assertFailsAndTheNextIsIndexed("one-line.txt", HostileFiles.oneLongLine(1_000_000),
                "The document has more than 200,000 characters of text, more than a document may.");
    }

    private void assertFailsAndTheNextIsIndexed(String filename, byte[] hostile, String reason) {
        String bad = api.upload(kb, filename, hostile);
        String good = api.upload(kb, "after-" + filename + ".txt", text("Otters hold hands while they sleep. " + UUID.randomUUID()));

        Map<?, ?> failed = api.awaitStatus(bad, "failed", WITHIN_LIMITS);
        assertThat(failed.get("failure_reason")).isEqualTo(reason);
        api.awaitStatus(good, "indexed", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.withHeader(CloudEventHeaders.SUBJECT, bad))
                .filteredOn(record -> DocumentIngestionFailed.TYPE.equals(TestKafka.header(record, CloudEventHeaders.TYPE)))
                .singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(reason)));
    }
}
