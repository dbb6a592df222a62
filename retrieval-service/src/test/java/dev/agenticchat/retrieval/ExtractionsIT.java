package dev.agenticchat.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.retrieval.fixtures.HostileFiles;
import dev.agenticchat.retrieval.fixtures.TestFiles;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/extractions}: the text of a file for another service (chat-service's
 * attachments), through the knowledge-base upload's detector, extractor and limits
 * (the test configuration's upload limit is 1 MB).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractionsIT implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void answers_the_text_of_each_document_format_with_the_detected_type() {
        assertThat(extract(TestFiles.text("The spare key is under the blue flowerpot."), "notes.txt", "text/plain"))
                .containsEntry("content_type", "text/plain").containsEntry("text", "The spare key is under the blue flowerpot.")
                .containsEntry("chars", 42).containsEntry("pages", null);
        Map<String, Object> pdf = extract(TestFiles.pdf("Quarterly sales rose.", "Costs fell."), "report.pdf", "application/octet-stream");
        assertThat(pdf).containsEntry("content_type", "application/pdf").containsEntry("pages", 2);
        assertThat((String) pdf.get("text")).contains("Quarterly sales rose.").contains("Costs fell.");
        assertThat(pdf.get("chars")).isEqualTo(((String) pdf.get("text")).length());
        Map<String, Object> docx = extract(TestFiles.docx("Minutes of the meeting", "All agreed."), "minutes.docx",
                "application/octet-stream");
        assertThat(docx).containsEntry("content_type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat((String) docx.get("text")).contains("Minutes of the meeting").contains("All agreed.");
        Map<String, Object> html = extract(TestFiles.text("<html><body><h1>Opening hours</h1><script>alert(1)</script>"
                + "<p>Mon to Fri.</p></body></html>"), "hours.html", "text/html");
        assertThat(html).containsEntry("content_type", "text/html");
        assertThat((String) html.get("text")).contains("Opening hours").contains("Mon to Fri.").doesNotContain("alert");
        assertThat(extract(TestFiles.text("{\"a\": 1}"), "data.json", "application/json"))
                .containsEntry("content_type", "application/json").containsEntry("text", "{\"a\": 1}");
        assertThat(extract(TestFiles.text("# Title\n\nBody"), "readme.md", "text/markdown"))
                .containsEntry("content_type", "text/markdown");
        assertThat(extract(TestFiles.text("a,b\n1,2"), "table.csv", "text/csv")).containsEntry("content_type", "text/csv");
    }

    @Test
    void detects_the_type_from_the_bytes_not_the_claimed_content_type() {
        assertThat(extract(TestFiles.pdf("Hidden in a PDF."), null, "text/plain")).containsEntry("content_type", "application/pdf");
    }

    @Test
    void refuses_an_image_as_an_unsupported_type_listing_the_accepted_ones() {
        Map<String, Object> problem = problem(service(request(TestFiles.png(), "photo.png", "image/png")), 415);
        assertThat((String) problem.get("detail")).contains("image/png").contains("pdf, docx");
    }

    @Test
    void refuses_a_file_over_the_upload_limit_with_the_limit() {
        byte[] justOver = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(justOver, (byte) 'a');
        assertThat((String) problem(service(request(justOver, "big.txt", "text/plain")), 413).get("detail")).contains("1 MB");
        byte[] farOver = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(farOver, (byte) 'a');
        assertThat((String) problem(service(request(farOver, "bigger.txt", "text/plain")), 413).get("detail")).contains("1 MB");
    }

    @Test
    void answers_an_unreadable_document_with_the_extractors_reason() {
        assertThat((String) problem(service(request(TestFiles.corruptPdf(), "broken.pdf", "application/pdf")), 422).get("detail"))
                .isEqualTo("The PDF could not be read: it is damaged or not what its name says.");
        assertThat((String) problem(service(request(HostileFiles.docxBomb(200L * 1024 * 1024), "bomb.docx",
                "application/octet-stream")), 422).get("detail")).contains("when unpacked");
    }

    @Test
    void refuses_an_empty_body() {
        problem(service(request(new byte[0], "empty.txt", "text/plain")), 400);
    }

    @Test
    void is_for_services_only_users_get_403_and_no_credential_401() {
        String tenant = "tenant-" + UUID.randomUUID();
        byte[] file = TestFiles.text("secret notes");
        assertThat(status(request(file, "n.txt", "text/plain").bearerAuth(jwks.token(tenant, "visitor-" + UUID.randomUUID()))))
                .isEqualTo(403);
        assertThat(status(request(file, "n.txt", "text/plain")
                .bearerAuth(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN)))).isEqualTo(403);
        assertThat(status(request(file, "n.txt", "text/plain"))).isEqualTo(401);
        assertThat(status(request(file, "n.txt", "text/plain").header(ServiceCredentials.TOKEN_HEADER, "not-the-token")
                .header(ServiceCredentials.TENANT_HEADER, tenant).header(ServiceCredentials.USER_HEADER, "someone"))).isEqualTo(401);
    }

    private Map<String, Object> extract(byte[] bytes, String fileName, String contentType) {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(service(request(bytes, fileName, contentType)), JSON);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        return response.body();
    }

    private static MutableHttpRequest<byte[]> request(byte[] bytes, String fileName, String contentType) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/api/extractions", bytes).contentType(MediaType.of(contentType));
        return fileName == null ? request : request.header("X-File-Name", fileName);
    }

    private static MutableHttpRequest<byte[]> service(MutableHttpRequest<byte[]> request) {
        return request.header(ServiceCredentials.TOKEN_HEADER, ServiceCredentials.LOCAL_DEFAULT)
                .header(ServiceCredentials.TENANT_HEADER, "tenant-" + UUID.randomUUID())
                .header(ServiceCredentials.USER_HEADER, "user-" + UUID.randomUUID());
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, JSON).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private Map<String, Object> problem(MutableHttpRequest<?> request, int status) {
        try {
            HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(request, JSON);
            throw new AssertionError("expected " + status + " but got " + response.getStatus() + " " + response.body());
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            assertThat(e.getResponse().getContentType().map(MediaType::toString)).hasValue("application/problem+json");
            return e.getResponse().getBody(JSON).orElseThrow();
        }
    }
}
