package dev.agenticchat.artifact;

import static dev.agenticchat.artifact.fixtures.Api.fields;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.sample;
import static dev.agenticchat.artifact.fixtures.ArtifactSamples.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenticchat.artifact.fixtures.Api;
import dev.agenticchat.artifact.fixtures.ArtifactSamples;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactExportIT implements TestPropertyProvider {
    static final List<String> TYPES = ArtifactTypes.NAMES;

    private final TestJwks jwks = TestJwks.start();
    private Api api;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @BeforeAll
    void start() {
        api = new Api(http);
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void every_type_exports_as_json_html_and_a_pdf_that_shows_its_title(String type) throws IOException {
        String token = jwks.token(newTenant(), "alice");
        ObjectNode content = sample(type);
        String id = api.createId(token, type, content);
        String slug = content.path("title").asText().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");

        HttpResponse<byte[]> json = export(id, "json", token);
        assertThat(json.getContentType().orElseThrow().toString()).startsWith("application/json");
        assertThat(json.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"" + slug + "-v1.json\"");
        assertThat(ArtifactSamples.JSON.readTree(json.body())).isEqualTo(content);

        HttpResponse<byte[]> html = export(id, "html", token);
        assertThat(html.getContentType().orElseThrow().toString()).startsWith("text/html");
        assertThat(html.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION)).endsWith("-v1.html\"");
        String page = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>" + escaped(content.path("title").asText()))
                .doesNotContain("<script", "src=\"http", "@import", "url(");

        HttpResponse<byte[]> pdf = export(id, "pdf", token);
        assertThat(pdf.getContentType().orElseThrow().toString()).isEqualTo("application/pdf");
        assertThat(pdf.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION)).endsWith("-v1.pdf\"");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains(content.path("title").asText());
        }
    }

    @Test
    void a_table_exports_as_csv_that_reads_back_cell_for_cell_with_formulas_defused() throws IOException {
        String token = jwks.token(newTenant(), "alice");
        ObjectNode table = with(with(sample("table"), "/rows/1/0", "=HYPERLINK(\"http://evil\")"), "/rows/2/0",
                "Initech, \"the\"\ncompany");
        String id = api.createId(token, "table", table);

        HttpResponse<byte[]> csv = export(id, "csv", token);

        assertThat(csv.getContentType().orElseThrow().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\"top-customers-v1.csv\"");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n").endsWith("\r\n");
        List<List<String>> records = parse(text);
        assertThat(records).containsExactly(
                List.of("customer", "orders", "revenue", "active", "since"),
                List.of("Acme Corp", "42", "125000.5", "true", "2023-04-01"),
                List.of("'=HYPERLINK(\"http://evil\")", "17", "48250", "false", "2024-09-15"),
                List.of("Initech, \"the\"\ncompany", "3", "", "true", ""));
    }

    @Test
    void seo_reports_and_csv_artifacts_export_as_csv_with_their_columns() throws IOException {
        String token = jwks.token(newTenant(), "alice");

        List<List<String>> keywords = parse(text(export(api.createId(token, "keyword_research", sample("keyword_research")), "csv", token)));
        assertThat(keywords.get(0)).containsExactly("keyword", "volume", "cpc", "difficulty", "competition");
        assertThat(keywords.get(1)).containsExactly("best running shoes", "74000", "1.85", "67", "0.91");
        assertThat(keywords.get(2)).containsExactly("running shoes for flat feet", "9900", "1.2", "41", "");

        List<List<String>> competitors = parse(text(export(api.createId(token, "competitor_analysis", sample("competitor_analysis")), "csv", token)));
        assertThat(competitors.get(0)).containsExactly("domain", "common_keywords", "total_keywords", "overlap", "traffic");
        assertThat(competitors).hasSize(3);

        List<List<String>> csv = parse(text(export(api.createId(token, "csv", sample("csv")), "csv", token)));
        assertThat(csv).containsExactly(List.of("name", "country", "signed_up"), List.of("Ada Lovelace", "UK", "2025-01-12"),
                List.of("Grace Hopper", "US", "2025-02-03"), List.of("Alan Turing, Jr.", "UK", "2025-03-21"));
    }

    @Test
    void code_and_diagrams_export_as_fenced_markdown_and_markdown_as_written() {
        String token = jwks.token(newTenant(), "alice");

        HttpResponse<byte[]> code = export(api.createId(token, "code", sample("code")), "md", token);
        assertThat(code.getContentType().orElseThrow().toString()).startsWith("text/markdown");
        assertThat(text(code)).isEqualTo("# Fibonacci\n\n```python\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n```\n");
        assertThat(text(export(api.createId(token, "diagram", sample("diagram")), "md", token)))
                .startsWith("# Checkout flow\n\n```mermaid\ngraph TD\n").endsWith("\n```\n");
        assertThat(text(export(api.createId(token, "markdown", sample("markdown")), "md", token)))
                .isEqualTo(sample("markdown").path("markdown").asText());
    }

    @Test
    void the_html_of_an_html_artifact_is_its_sanitised_rendition() {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "html", with(sample("html"), "/html",
                "<p onclick=\"steal()\">Hi <b>there</b></p><script>alert(1)</script><img src=\"https://tracker.example/p.png\">"));

        String page = text(export(id, "html", token));

        assertThat(page).contains("<p>Hi <b>there</b></p>").doesNotContain("onclick", "<script", "alert", "tracker");
    }

    @Test
    void messy_html_still_makes_a_pdf() throws IOException {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "html", with(sample("html"), "/html",
                "<div><p>Unclosed &nbsp; <br> caf&eacute; <b><i>crossed</b></i><table><td>cell"));

        HttpResponse<byte[]> pdf = export(id, "pdf", token);

        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Welcome card", "Unclosed", "cell");
        }
    }

    @Test
    void an_earlier_version_exports_on_request_and_names_its_number_in_the_file() throws IOException {
        String token = jwks.token(newTenant(), "alice");
        String id = api.createId(token, "markdown", sample("markdown"));
        api.exchange(HttpRequest.POST("/api/artifacts/" + id + "/versions", Map.of("patch", Map.of("markdown", "# v2\n")))
                .bearerAuth(token));

        HttpResponse<byte[]> first = api.bytes(HttpRequest.GET("/api/artifacts/" + id + "/export?format=md&version=1").bearerAuth(token));
        assertThat(text(first)).isEqualTo(sample("markdown").path("markdown").asText());
        assertThat(first.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\"release-notes-v1.md\"");
        HttpResponse<byte[]> current = export(id, "md", token);
        assertThat(text(current)).isEqualTo("# v2\n");
        assertThat(current.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION)).endsWith("-v2.md\"");

        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts/" + id + "/export?format=md&version=3").bearerAuth(token), 404)))
                .containsExactly("version");
    }

    @Test
    void a_format_the_type_lacks_or_no_format_is_a_400_listing_the_formats_it_has() {
        String token = jwks.token(newTenant(), "alice");
        String table = api.createId(token, "table", sample("table"));
        String chart = api.createId(token, "chart", sample("chart"));

        Map<String, Object> md = api.fails(HttpRequest.GET("/api/artifacts/" + table + "/export?format=md").bearerAuth(token), 400);
        assertThat(fields(md)).containsExactly("format");
        assertThat((String) md.get("detail")).contains("\"md\"", "json, csv, html, pdf");
        assertThat((String) api.fails(HttpRequest.GET("/api/artifacts/" + chart + "/export?format=csv").bearerAuth(token), 400)
                .get("detail")).contains("json, html, pdf");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts/" + chart + "/export?format=docx").bearerAuth(token), 400)))
                .containsExactly("format");
        assertThat(fields(api.fails(HttpRequest.GET("/api/artifacts/" + chart + "/export").bearerAuth(token), 400)))
                .containsExactly("format");
    }

    private HttpResponse<byte[]> export(String id, String format, String token) {
        HttpResponse<byte[]> response = api.bytes(HttpRequest.GET("/api/artifacts/" + id + "/export?format=" + format).bearerAuth(token));
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        return response;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static List<List<String>> parse(String csv) throws IOException {
        List<List<String>> records = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv))) {
            records.add(record.toList());
        }
        return records;
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
