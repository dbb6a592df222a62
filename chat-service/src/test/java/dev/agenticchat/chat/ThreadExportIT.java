package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.AgentEvents;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/threads/{id}/export}: the whole thread, as the owner alone may read it, in
 * json, csv, md and html, with every message (stored through the API and from the agent's
 * TurnCompleted events, as in production), its citations and links to its artifacts.
 * <p>
 * Kafka is shared: an agent-service under test elsewhere may answer the messages posted here
 * too. So the tests find their messages by id, and check that an export holds exactly the
 * thread's history as the API served it just before and just after.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreadExportIT implements TestPropertyProvider {
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(60);
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final String ARTIFACT = "e2d3c4b5-a697-4888-9a0b-1c2d3e4f5a6b";
    private static final String DOCUMENT = "1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b";

    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    private AgentEvents agent;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @BeforeAll
    void agent() {
        agent = new AgentEvents(json);
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    private record User(String tenant, String id, String token, ChatApi api) {
    }

    private User user(String tenant, String id, Role role) {
        String token = jwks.token(tenant, id, role);
        return new User(tenant, id, token, new ChatApi(http, token));
    }

    private User newPerson() {
        return user("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID(), Role.PERSON);
    }

    /** A thread titled {@code title} with one exchange: the user's question and the agent's answer. */
    private String threadWithAnswer(User owner, String title, String question, TurnCompleted answer) {
        String threadId = (String) owner.api().createThread(title).get("id");
        owner.api().post(threadId, question);
        answer(owner, threadId, answer);
        return threadId;
    }

    private void answer(User owner, String threadId, TurnCompleted answer) {
        agent.send(answer, threadId, owner.tenant(), owner.id());
        await().atMost(KAFKA_WAIT).until(() -> allMessages(owner, threadId).stream()
                .anyMatch(message -> message.get("id").equals(answer.assistantMessageId())));
    }

    /**
     * The export of {@code format}, checked to list exactly the history's messages in its order:
     * what the API served before it came out is where it starts, what it served after, where it ends.
     */
    private HttpResponse<String> exportOfHistory(User owner, String threadId, String format,
                                                 Function<String, List<Object>> messageIds) {
        List<Object> before = ids(allMessages(owner, threadId));
        HttpResponse<String> response = download(owner, threadId, format);
        List<Object> after = ids(allMessages(owner, threadId));
        List<Object> exported = messageIds.apply(response.body());
        assertThat(exported).as(format).startsWith(before.toArray());
        assertThat(after).as(format).startsWith(exported.toArray());
        return response;
    }

    private static List<Object> ids(List<Map<String, Object>> messages) {
        return messages.stream().map(message -> message.get("id")).toList();
    }

    private List<Object> jsonIds(String body) {
        try {
            return ids(messagesOf(parse(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> csvIds(String body) {
        try {
            List<CSVRecord> records = csv(body);
            return records.subList(1, records.size()).stream().map(record -> (Object) record.get(0)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> markupIds(String body, Pattern messageId) {
        List<Object> found = new ArrayList<>();
        Matcher id = messageId.matcher(body);
        while (id.find()) {
            found.add(id.group(1));
        }
        return found;
    }

    private static Map<String, Object> byId(List<Map<String, Object>> messages, Object id) {
        return messages.stream().filter(message -> message.get("id").equals(id)).findFirst().orElseThrow();
    }

    private static TurnCompleted answerWith(String threadId, String content, List<String> artifactIds,
                                            List<TurnCompleted.Citation> citations) {
        return new TurnCompleted(UUID.randomUUID().toString(), threadId, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), content, new TurnCompleted.Usage(10, 5, 15, 1),
                new TurnCompleted.Cost(new BigDecimal("0.0001"), "USD"), artifactIds, citations, Instant.now());
    }

    private HttpResponse<String> download(User caller, Object threadId, String format) {
        return http.toBlocking().exchange(exportRequest(threadId, format).bearerAuth(caller.token()), String.class);
    }

    private static MutableHttpRequest<?> exportRequest(Object threadId, String format) {
        return HttpRequest.GET("/api/threads/" + threadId + "/export" + (format == null ? "" : "?format=" + format));
    }

    private Map<String, Object> parse(String body) throws IOException {
        return json.readValue(body, JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messagesOf(Map<String, Object> export) {
        return (List<Map<String, Object>>) export.get("messages");
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180.builder().get().parse(new StringReader(body)).getRecords();
    }

    @Test
    @SuppressWarnings("unchecked")
    void json_is_the_default_and_holds_the_thread_and_every_message_with_its_citations_and_artifact_links() throws IOException {
        User alice = newPerson();
        String threadId = (String) alice.api().createThread("Quarterly sales: Q4 / 2025!").get("id");
        Map<String, Object> question = alice.api().postedMessage(threadId, "How did Q4 go?");
        UUID answerId = UUID.randomUUID();
        TurnCompleted completed = AgentEvents.turnCompleted(threadId, answerId, "Revenue reached **$571.75k**.");
        answer(alice, threadId, completed);
        Map<String, Object> thread = alice.api().thread(threadId);

        for (String format : new String[] {null, "json"}) {
            HttpResponse<String> response = exportOfHistory(alice, threadId, format, this::jsonIds);
            assertThat(response.getStatus().getCode()).isEqualTo(200);
            assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json");
            assertThat(response.getHeaders().get("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"quarterly-sales-q4-2025.json\"");
            assertThat(response.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");

            Map<String, Object> export = parse(response.body());
            assertThat((Map<String, Object>) export.get("thread")).containsEntry("id", threadId)
                    .containsEntry("title", "Quarterly sales: Q4 / 2025!").containsEntry("agent", null)
                    .containsEntry("created_at", thread.get("created_at"));
            assertThat(Instant.parse((String) export.get("exported_at"))).isAfterOrEqualTo(Instant.parse((String) thread.get("updated_at")));
            List<Map<String, Object>> messages = messagesOf(export);
            assertThat(messages.get(0)).containsEntry("id", question.get("id")).containsEntry("role", "user")
                    .containsEntry("content", "How did Q4 go?").containsEntry("created_at", question.get("created_at"))
                    .containsEntry("citations", List.of()).containsEntry("artifacts", List.of());
            assertThat(byId(messages, answerId.toString())).containsEntry("id", answerId.toString()).containsEntry("role", "assistant")
                    .containsEntry("content", "Revenue reached **$571.75k**.").containsEntry("turn_id", completed.turnId())
                    .containsEntry("created_at", byId(alice.api().history(threadId), answerId.toString()).get("created_at"))
                    .containsEntry("artifacts", List.of(Map.of("id", ARTIFACT, "url", "/api/artifacts/" + ARTIFACT)))
                    .containsEntry("citations", List.of(Map.of("document_id", DOCUMENT, "title", "Annual report 2025",
                            "page", 14, "passage", "Fourth-quarter revenue reached $571.75k.", "score", 0.87)));
        }
    }

    @Test
    void csv_is_rfc_4180_with_a_header_row_and_disarms_cells_a_spreadsheet_would_run() throws IOException {
        User bob = newPerson();
        String threadId = (String) bob.api().createThread("Formulas").get("id");
        List<String> dangerous = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", "-2+3", "@SUM(A1:A2)",
                "\tindented", "\rreturn");
        for (String content : dangerous) {
            bob.api().post(threadId, content);
        }
        bob.api().post(threadId, "Commas, \"quotes\" and\nline breaks");
        String answer = "=cmd|' /C calc'!A0";
        TurnCompleted completed = answerWith(threadId, answer, List.of(ARTIFACT, "second-artifact"),
                List.of(new TurnCompleted.Citation(DOCUMENT, "=Report, 2025", 3, "Line one\nline two", 0.5)));
        answer(bob, threadId, completed);
        List<Map<String, Object>> history = bob.api().history(threadId);

        HttpResponse<String> response = exportOfHistory(bob, threadId, "csv", ThreadExportIT::csvIds);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/csv").contains("charset=utf-8");
        assertThat(response.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename=\"formulas.csv\"");
        String body = response.body();
        assertThat(body).startsWith("message_id,created_at,role,content,citations,artifacts,attachments\r\n").endsWith("\r\n");

        List<CSVRecord> records = csv(body);
        assertThat(records.get(0).toList()).containsExactly("message_id", "created_at", "role", "content", "citations", "artifacts",
                "attachments");
        List<CSVRecord> users = records.stream().filter(record -> record.get(2).equals("user")).toList();
        for (int i = 0; i < dangerous.size(); i++) {
            CSVRecord record = users.get(i);
            assertThat(record.get(1)).isEqualTo(byId(history, record.get(0)).get("created_at"));
            assertThat(record.get(2)).isEqualTo("user");
            assertThat(record.get(3)).isEqualTo("'" + dangerous.get(i));
            assertThat(record.get(4)).isEmpty();
            assertThat(record.get(5)).isEmpty();
            assertThat(record.get(6)).isEmpty();
        }
        assertThat(users.get(6).get(3)).isEqualTo("Commas, \"quotes\" and\nline breaks");
        CSVRecord assistant = records.stream().filter(record -> record.get(0).equals(completed.assistantMessageId()))
                .findFirst().orElseThrow();
        assertThat(assistant.get(2)).isEqualTo("assistant");
        assertThat(assistant.get(3)).isEqualTo("'" + answer);
        assertThat(parseList(assistant.get(4))).singleElement().satisfies(citation -> assertThat(citation)
                .containsEntry("document_id", DOCUMENT).containsEntry("title", "=Report, 2025").containsEntry("page", 3)
                .containsEntry("passage", "Line one\nline two"));
        assertThat(assistant.get(5)).isEqualTo("/api/artifacts/" + ARTIFACT + "\n/api/artifacts/second-artifact");
    }

    private List<Map<String, Object>> parseList(String body) throws IOException {
        return json.readValue(body, Argument.listOf(JSON));
    }

    @Test
    void markdown_is_a_readable_transcript_with_numbered_sources_and_artifact_links() {
        User carol = newPerson();
        String question = "Summarise the annual report";
        String answerText = "## Summary\n\n- Revenue up\n- Costs down";
        String threadId = (String) carol.api().createThread("Annual report").get("id");
        carol.api().post(threadId, question);
        TurnCompleted completed = answerWith(threadId, answerText, List.of(ARTIFACT), List.of(
                new TurnCompleted.Citation(DOCUMENT, "Annual report 2025", 14, "Revenue grew.\nCosts fell.", 0.87),
                new TurnCompleted.Citation("doc-2", "Board minutes", null, "Approved.", 0.5)));
        answer(carol, threadId, completed);
        List<Map<String, Object>> history = carol.api().history(threadId);
        int answerNumber = ids(history).indexOf(completed.assistantMessageId()) + 1;

        HttpResponse<String> response = download(carol, threadId, "md");
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("text/markdown; charset=utf-8");
        assertThat(response.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename=\"annual-report.md\"");
        String md = response.body();
        assertThat(md).startsWith("# Annual report\n\n- Thread: `" + threadId + "`\n- Agent: the tenant's default agent\n");
        assertThat(md).contains("\n## 1. User · " + readable(history.get(0).get("created_at")) + "\n\n" + question + "\n");
        assertThat(md).contains("\n## " + answerNumber + ". Assistant · "
                + readable(byId(history, completed.assistantMessageId()).get("created_at")) + "\n\n" + answerText + "\n");
        assertThat(md).contains("**Sources**\n\n"
                + "1. Annual report 2025, page 14 (document `" + DOCUMENT + "`, score 0.87)\n"
                + "   > Revenue grew.\n   > Costs fell.\n"
                + "2. Board minutes (document `doc-2`, score 0.5)\n   > Approved.\n");
        assertThat(md).contains("**Artifacts**\n\n- [" + ARTIFACT + "](/api/artifacts/" + ARTIFACT + ")\n");
        assertThat(md.split("\n## \\d+\\. ", -1)).hasSizeGreaterThanOrEqualTo(history.size() + 1);
    }

    private static String readable(Object instant) {
        return Instant.parse((String) instant).toString().substring(0, 19).replace('T', ' ') + " UTC";
    }

    @Test
    void html_is_a_standalone_page_where_nothing_in_the_messages_comes_out_live() {
        User dave = newPerson();
        String threadId = (String) dave.api().createThread("<b>Bold</b> & \"quoted\"").get("id");
        String script = "<script>alert('user')</script>";
        String image = "<img src=x onerror=alert(1)>";
        String links = "[click](javascript:alert(1)) <a href=\"javascript:alert(2)\">there</a>";
        dave.api().post(threadId, script);
        dave.api().post(threadId, image);
        answer(dave, threadId, answerWith(threadId, links + "\n" + script, List.of(ARTIFACT, "javascript:alert(3)"),
                List.of(new TurnCompleted.Citation("<script>doc</script>", "<img src=y onerror=alert(4)>", 2,
                        "\"><script>alert(5)</script>", 0.9))));

        HttpResponse<String> response = exportOfHistory(dave, threadId, "html",
                body -> markupIds(body, Pattern.compile("<article class=\"[a-z]+\" id=\"message-([0-9a-f-]{36})\">")));
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename=\"b-bold-b-quoted.html\"");
        assertThat(response.getHeaders().get("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'");
        String html = response.body();
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .contains("<title>&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;</title>")
                .contains("&lt;script&gt;alert(&#39;user&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("[click](javascript:alert(1)) &lt;a href=&quot;javascript:alert(2)&quot;&gt;there&lt;/a&gt;")
                .contains("&lt;img src=y onerror=alert(4)&gt;, page 2")
                .contains("&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;")
                .contains("<a href=\"/api/artifacts/" + ARTIFACT + "\">")
                .contains("<a href=\"/api/artifacts/javascript%3Aalert%283%29\">");
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("<img").doesNotContain("href=\"javascript");
        assertThat(tagsIn(html)).isSubsetOf("html", "head", "meta", "title", "style", "body", "h1", "p", "main", "article",
                "h2", "pre", "h3", "ol", "li", "blockquote", "ul", "a");
        assertThat(Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        List<String> hrefs = new ArrayList<>();
        while (href.find()) {
            hrefs.add(href.group(1));
        }
        assertThat(hrefs).contains("/api/artifacts/" + ARTIFACT, "/api/artifacts/javascript%3Aalert%283%29")
                .allSatisfy(target -> assertThat(target).startsWith("/api/artifacts/"));
        assertThat(html).contains("<article class=\"user\"").contains("<article class=\"assistant\"").endsWith("</html>\n");
    }

    private static Set<String> tagsIn(String html) {
        Set<String> tags = new HashSet<>();
        Matcher tag = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(html);
        while (tag.find()) {
            tags.add(tag.group(1).toLowerCase());
        }
        return tags;
    }

    @Test
    void only_the_owner_exports_a_thread_and_a_bad_format_is_a_bad_request_naming_it() {
        User owner = newPerson();
        String threadId = (String) owner.api().postedMessage(null, "Private matters").get("thread_id");
        User colleague = user(owner.tenant(), "user-" + UUID.randomUUID(), Role.PERSON);
        User visitor = user(owner.tenant(), "visitor-" + UUID.randomUUID(), Role.VISITOR);
        User admin = user(owner.tenant(), "admin-" + UUID.randomUUID(), Role.TENANT_ADMIN);
        User sameIdElsewhere = user("tenant-" + UUID.randomUUID(), owner.id(), Role.PERSON);

        for (String format : List.of("json", "csv", "md", "html")) {
            assertThat(download(owner, threadId, format).getStatus().getCode()).isEqualTo(200);
            for (User stranger : List.of(colleague, visitor, admin, sameIdElsewhere)) {
                assertThat(stranger.api().status(exportRequest(threadId, format))).as(stranger.id() + " " + format).isEqualTo(404);
            }
        }
        assertThat(owner.api().status(exportRequest(UUID.randomUUID(), "json"))).isEqualTo(404);
        assertThat(new ChatApi(http, "not-a-token").status(exportRequest(threadId, "json"))).isEqualTo(401);
        try {
            http.toBlocking().exchange(exportRequest(threadId, "json"), String.class);
            throw new AssertionError("an export without a token was answered");
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(401);
        }

        for (String format : List.of("pdf", "xml", "JSON", "html5")) {
            Map<String, Object> problem = owner.api().problem(exportRequest(threadId, format));
            assertThat(problem).as(format).containsEntry("status", 400).containsEntry("detail", "must be one of json, csv, md, html");
            assertThat(fields(problem)).as(format).containsExactly("format");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> error.get("field")).toList();
    }

    /** The same readers as the history: right after a link, the person reads the session's threads as theirs. */
    @Test
    void a_person_just_linked_exports_the_sessions_thread_and_nobody_else_does() throws IOException {
        String tenant = "tenant-" + UUID.randomUUID();
        User session = user(tenant, "session-" + UUID.randomUUID(), Role.VISITOR);
        String threadId = (String) session.api().postedMessage(null, "Where is my parcel?").get("thread_id");
        String person = "person-" + UUID.randomUUID();
        String linkedToken = jwks.linkedPersonToken(tenant, person, List.of(session.id()));
        User linked = new User(tenant, person, linkedToken, new ChatApi(http, linkedToken));

        assertThat(messagesOf(parse(download(linked, threadId, "json").body())).get(0))
                .containsEntry("content", "Where is my parcel?");
        User samePersonUnlinked = user(tenant, person, Role.PERSON);
        assertThat(samePersonUnlinked.api().status(exportRequest(threadId, "json"))).isEqualTo(404);
        ChatApi otherTenant = new ChatApi(http, jwks.linkedPersonToken("tenant-" + UUID.randomUUID(), person, List.of(session.id())));
        assertThat(otherTenant.status(exportRequest(threadId, "json"))).isEqualTo(404);
    }

    @Test
    void a_visitor_exports_their_own_thread_and_one_without_messages_is_named_by_its_id() throws IOException {
        User visitor = user("tenant-" + UUID.randomUUID(), "visitor-" + UUID.randomUUID(), Role.VISITOR);
        String threadId = (String) visitor.api().createThread("!!!").get("id");

        HttpResponse<String> response = download(visitor, threadId, "json");
        assertThat(response.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename=\"" + threadId + ".json\"");
        assertThat(messagesOf(parse(response.body()))).isEmpty();
        assertThat(csv(download(visitor, threadId, "csv").body())).hasSize(1);
        assertThat(download(visitor, threadId, "md").body()).startsWith("# !!!\n").doesNotContain("## 1.");
        assertThat(download(visitor, threadId, "html").body()).contains("<main>\n</main>").doesNotContain("<article");
    }

    @Test
    void a_long_thread_is_exported_completely_and_in_order_in_every_format() throws IOException {
        User erin = newPerson();
        String threadId = (String) erin.api().createThread("Long one").get("id");
        for (int i = 1; i <= 150; i++) {
            erin.api().post(threadId, "question " + i);
        }
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            TurnCompleted completed = answerWith(threadId, "answer " + i, List.of(), List.of());
            answers.add(completed.assistantMessageId());
            agent.send(completed, threadId, erin.tenant(), erin.id());
        }
        await().atMost(KAFKA_WAIT).until(() -> ids(allMessages(erin, threadId)).containsAll(answers));
        assertThat(allMessages(erin, threadId)).hasSizeGreaterThanOrEqualTo(300);

        List<Map<String, Object>> exported = messagesOf(parse(exportOfHistory(erin, threadId, "json", this::jsonIds).body()));
        assertThat(exported).filteredOn(message -> message.get("role").equals("user")).extracting(message -> message.get("content"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 150).mapToObj(i -> "question " + i).toList());
        assertThat(ids(exported)).containsSubsequence(answers.toArray());
        assertThat(exported).filteredOn(message -> answers.contains(message.get("id"))).extracting(message -> message.get("content"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 150).mapToObj(i -> "answer " + i).toList());

        exportOfHistory(erin, threadId, "csv", ThreadExportIT::csvIds);
        int before = allMessages(erin, threadId).size();
        String md = download(erin, threadId, "md").body();
        int headings = md.split("\n## \\d+\\. ", -1).length - 1;
        assertThat(headings).isBetween(before, allMessages(erin, threadId).size());
        assertThat(md).contains("\n## 300. ");
        String html = exportOfHistory(erin, threadId, "html",
                body -> markupIds(body, Pattern.compile("<article class=\"[a-z]+\" id=\"message-([0-9a-f-]{36})\">"))).body();
        assertThat(html).endsWith("</main>\n</body></html>\n");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> allMessages(User owner, String threadId) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = owner.api().messagePage(threadId, cursor, 200);
            all.addAll((List<Map<String, Object>>) page.get("items"));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        return all;
    }
}
