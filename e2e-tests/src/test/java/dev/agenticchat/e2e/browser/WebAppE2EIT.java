package dev.agenticchat.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.contracts.artifacts.ArtifactTypes;
import dev.agenticchat.e2e.RunningSuite;
import dev.agenticchat.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** The web app a newcomer opens at / after `./suite start`, driven in a real browser against the running suite. */
class WebAppE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TURN = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static RunningSuite suite;
    private static Browser browser;
    private static SuiteHttp http;

    @BeforeAll
    static void start() {
        suite = RunningSuite.get();
        http = new SuiteHttp(suite.gateway());
        browser = Browser.start(Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Each test is a first visit: a new anonymous user. */
    @BeforeEach
    void firstVisit() {
        browser.resize(Browser.DESKTOP);
        browser.driver().get(suite.origin() + "/");
        browser.script("localStorage.clear(); sessionStorage.clear();");
        browser.open(suite.origin() + "/");
        browser.waitUntil(SHORT, d -> "online".equals(browser.attribute("#connection", "data-state")) ? true : null);
        browser.console();
    }

    @Test
    void a_chart_request_streams_the_answer_and_draws_the_chart_on_its_canvas() {
        WebElement input = browser.find("#input");
        input.sendKeys("make a bar chart", Keys.ENTER, "of quarterly sales");
        assertThat(input.getAttribute("value")).isEqualTo("make a bar chart\nof quarterly sales");
        assertThat(browser.findAll(".msg")).as("Enter alone inserts a newline, it does not send").isEmpty();

        input.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        WebElement answer = browser.waitFor(".msg[data-role=assistant]:not(.live) .body p", TURN);
        assertThat(answer.getText()).containsIgnoringCase("chart");
        browser.waitFor(".artifact-body[data-type=chart] canvas", SHORT);
        long drawn = browser.waitUntil(SHORT, d -> {
            Long pixels = browser.script("""
                    const canvas = document.querySelector('.artifact-body[data-type=chart] canvas');
                    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    let drawn = 0;
                    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) drawn++;
                    return drawn;""");
            return pixels != null && pixels > 2000 ? pixels : null;
        });
        assertThat(drawn).isGreaterThan(2000);
        assertThat(browser.find(".artifact-body[data-type=chart] h2").getText()).isEqualTo("Quarterly sales");
        assertThat(browser.findAll(".msg[data-role=user]")).hasSize(1).first()
                .satisfies(user -> assertThat(user.getAttribute("class")).doesNotContain("pending"));
        assertThat(browser.findAll(".msg[data-role=assistant]")).hasSize(1);
        assertThat(browser.find(".tool .tool-name").getAttribute("textContent")).isEqualTo("create_chart_artifact");
        assertThat(browser.find(".tool .tool-status").getAttribute("data-status")).isEqualTo("completed");
        assertThat(browser.find(".msg[data-role=assistant] .chip").getText()).contains("Quarterly sales");
        assertThat(browser.find("#stop").isDisplayed()).as("no stop button once the turn is over").isFalse();
        browser.screenshot("chat-with-chart");
        assertThat(browser.console()).as("the app runs under its CSP without violating it").doesNotContain("Content Security Policy");

        // The thread and its chart are still there after a reload.
        browser.open(browser.driver().getCurrentUrl());
        browser.waitFor(".artifact-body[data-type=chart] canvas", SHORT);
        browser.waitUntil(SHORT, d -> browser.findAll(".msg").size() == 2 ? true : null);
        assertThat(browser.findAll("#thread-list button")).hasSize(1);
    }

    @Test
    void a_table_opened_from_the_gallery_sorts_by_clicking_its_headers_and_filters_rows() {
        http.createArtifact(accessToken(), "table", Map.of(
                "title", "Top customers",
                "columns", List.of(Map.of("name", "customer", "type", "string"), Map.of("name", "orders", "type", "integer"),
                        Map.of("name", "revenue", "type", "number")),
                "rows", List.of(List.of("Globex", 17, 48250), List.of("Acme Corp", 42, 125000.5), List.of("Initech", 3, 900)),
                "sortable", true, "filterable", true));

        browser.find("#open-gallery").click();
        browser.waitFor(".gallery-item[data-type=table]", SHORT);
        browser.screenshot("gallery");
        browser.find(".gallery-item[data-type=table]").click();
        browser.waitFor(".artifact-body[data-type=table] table.grid", SHORT);
        assertThat(firstColumn()).containsExactly("Globex", "Acme Corp", "Initech");

        header("revenue").click();
        assertThat(firstColumn()).containsExactly("Initech", "Globex", "Acme Corp");
        assertThat(header("revenue").findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("ascending");
        header("revenue").click();
        assertThat(firstColumn()).containsExactly("Acme Corp", "Globex", "Initech");
        header("customer").click();
        assertThat(firstColumn()).containsExactly("Acme Corp", "Globex", "Initech");
        header("orders").click();
        assertThat(firstColumn()).containsExactly("Initech", "Globex", "Acme Corp");

        browser.find(".grid-filter").sendKeys("glo");
        assertThat(firstColumn()).containsExactly("Globex");
        assertThat(browser.find(".grid-count").getText()).isEqualTo("1 of 3 rows");
        browser.find(".grid-filter").clear();
        browser.find(".grid-filter").sendKeys(" ", Keys.BACK_SPACE);
        browser.screenshot("table");
    }

    @Test
    void markdown_and_html_artifacts_run_nothing_in_the_app_origin() {
        browser.console();
        browser.script("localStorage.setItem('xss-marker', 'intact'); document.cookie = 'xss_marker=intact; path=/';");
        String token = accessToken();
        http.createArtifact(token, "markdown", Map.of("title", "Notes", "markdown",
                "# Notes\n\n<img src=x onerror=\"window.__pwned='markdown';localStorage.setItem('xss-marker','markdown')\">\n\n"
                        + "<script>window.__pwned = 'markdown-script'</script>\n\n[link](javascript:window.__pwned='link')"));
        http.createArtifact(token, "html", Map.of("title", "Widget", "html",
                "<h1 id=hello>Hello from the sandbox</h1>"
                        + "<script>try { parent.__pwned = 'html' } catch (e) {}"
                        + " try { localStorage.setItem('xss-marker', 'html') } catch (e) {}"
                        + " try { document.cookie = 'xss_marker=html; path=/' } catch (e) {}"
                        + " try { top.document.body.dataset.pwned = 'html' } catch (e) {}"
                        + " alert('html');</script>"
                        + "<img src=x onerror=\"parent.__pwned = 'html-img'\">"));

        openFromGallery("markdown");
        WebElement heading = browser.waitFor(".artifact-body[data-type=markdown] .markdown-body h1", SHORT);
        assertThat(heading.getText()).isEqualTo("Notes");
        assertThat(browser.findAll(".markdown-body [onerror], .markdown-body script")).isEmpty();
        assertThat(browser.find(".markdown-body a").getAttribute("href")).as("a javascript: link loses its target").isNull();
        assertThat(browser.find(".markdown-body img").getAttribute("data-blocked")).as("a relative image is not loaded").isEqualTo("true");

        openFromGallery("html");
        WebElement frame = browser.waitFor(".artifact-body[data-type=html] iframe", SHORT);
        assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-scripts");
        browser.driver().switchTo().frame(frame);
        try {
            browser.waitFor("#hello", SHORT);
            assertThat((String) browser.script("return String(window.origin)")).as("the sandbox has an opaque origin").isEqualTo("null");
            assertThat((String) browser.script("try { return String(localStorage.length) } catch (e) { return e.name }"))
                    .isEqualTo("SecurityError");
        } finally {
            browser.driver().switchTo().defaultContent();
        }
        browser.screenshot("html-sandbox");

        assertThat((Object) browser.script("return window.__pwned")).isNull();
        assertThat((String) browser.script("return localStorage.getItem('xss-marker')")).isEqualTo("intact");
        assertThat((String) browser.script("return document.cookie")).contains("xss_marker=intact").doesNotContain("xss_marker=html");
        assertThat((String) browser.script("return document.body.dataset.pwned || null")).isNull();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        // Sanitised before it reached a live document: the image the model chose was never requested, no handler met the CSP.
        assertThat((Object) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === '/x').length")).isEqualTo(0L);
        assertThat(browser.console()).doesNotContain("Content Security Policy").doesNotContain("/x ");
    }

    /** Each type's golden sample from contracts, created as the user and opened from the gallery. */
    @Test
    void every_artifact_type_is_shown_by_its_own_renderer() throws Exception {
        Map<String, String> shownBy = Map.ofEntries(
                Map.entry("chart", "canvas"), Map.entry("csv", "table.grid tbody tr"), Map.entry("table", "table.grid tbody tr"),
                Map.entry("code", "pre.code code.hljs span"), Map.entry("markdown", ".markdown-body"),
                Map.entry("html", "iframe.html-sandbox[sandbox='allow-scripts']"), Map.entry("diagram", ".diagram img"),
                Map.entry("payment_link", ".checkout .amount"), Map.entry("domain_overview", ".metric-cards .metric"),
                Map.entry("competitor_analysis", "table.grid tbody tr"), Map.entry("keyword_research", "table.grid td[class*='diff-']"));
        assertThat(shownBy.keySet()).containsExactlyInAnyOrderElementsOf(ArtifactTypes.NAMES);
        String token = accessToken();
        for (String type : ArtifactTypes.NAMES) {
            http.createArtifact(token, type, JSON.readValue(ArtifactTypes.sample(type), new TypeReference<Map<String, Object>>() { }));
        }
        for (String type : ArtifactTypes.NAMES) {
            openFromGallery(type);
            String body = ".artifact-body[data-type=" + type + "] ";
            browser.waitFor(body + shownBy.get(type), Duration.ofSeconds(30));
            assertThat(browser.findAll(body + ".artifact-error")).as(type).isEmpty();
            assertThat(browser.find(".artifact-body").getText()).as(type).doesNotContain("No viewer for");
            if (type.equals("diagram")) {
                assertThat((Long) browser.script("return document.querySelector('.diagram img').naturalWidth")).isPositive();
            } else if (type.equals("payment_link")) {
                assertThat(browser.find(".checkout .amount").getText()).as("minor units").isEqualTo("$499.00");
            }
            browser.screenshot("artifact-" + type.replace('_', '-'));
        }
    }

    @Test
    void the_version_history_shows_an_earlier_version_and_what_changed() {
        String token = accessToken();
        Map<String, Object> first = Map.of("title", "Sales", "chart_type", "bar", "labels", List.of("Q1", "Q2"),
                "datasets", List.of(Map.of("label", "Sales", "data", List.of(10, 20))));
        String id = http.createArtifact(token, "chart", first).path("id").asText();
        Map<String, Object> second = Map.of("title", "Sales", "chart_type", "line", "labels", List.of("Q1", "Q2"),
                "datasets", List.of(Map.of("label", "Sales", "data", List.of(10, 25))));
        SuiteHttp.Response added = http.post("/api/artifacts/" + id + "/versions", token, Map.of("content", second));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);

        openFromGallery("chart");
        browser.waitFor(".artifact-body[data-type=chart] canvas", SHORT);
        assertThat(browser.find("#artifact-meta").getText()).contains("version 2");
        browser.find("#artifact-versions").click();
        browser.waitFor(".versions button", SHORT);
        browser.find("#artifact-aside .grid-tools button").click();
        WebElement diff = browser.waitFor("table.diff", SHORT);
        assertThat(diff.getText()).contains("/chart_type", "/datasets/0/data/1");
        browser.screenshot("versions-diff");

        browser.findAll(".versions button").stream().filter(b -> b.getText().equals("v1")).findFirst().orElseThrow().click();
        browser.waitUntil(SHORT, d -> browser.find("#artifact-meta").getText().contains("viewing version 1 of 2") ? true : null);
        browser.waitFor(".artifact-body[data-type=chart] canvas", SHORT);
    }

    @Test
    void an_artifact_is_exported_with_the_token_in_a_header_and_shared_by_a_link_that_can_be_revoked() {
        http.createArtifact(accessToken(), "csv", Map.of("title", "Customers", "headers", List.of("name", "city"),
                "rows", List.of(List.of("Ada", "London"), List.of("Linus", "Helsinki"))));
        openFromGallery("csv");
        browser.waitFor(".artifact-body[data-type=csv] table.grid", SHORT);
        assertThat(browser.findAll("#artifact-exports button.export")).extracting(b -> b.getAttribute("data-format"))
                .containsExactly("json", "csv", "html", "pdf");

        browser.find("#artifact-exports button[data-format=csv]").click();
        Long status = browser.waitUntil(SHORT, d -> browser.<Long>script("""
                const entry = performance.getEntriesByType('resource').find(e => e.name.includes('/export?format=csv'));
                return entry ? entry.responseStatus : null;"""));
        assertThat(status).isEqualTo(200L);
        assertThat(browser.<String>script("return performance.getEntriesByType('resource').map(e => e.name).join(' ')"))
                .doesNotContain("token=").doesNotContain("access_token");
        assertThat(browser.findAll(".toast.error")).isEmpty();

        browser.find("#artifact-share").click();
        browser.waitFor("#artifact-aside button.primary", SHORT).click();
        WebElement link = browser.waitFor(".share-url", SHORT);
        assertThat(link.getAttribute("value")).startsWith("http").contains("/shared/");
        browser.waitUntil(SHORT, d -> browser.findAll("#artifact-aside ul.shares li button").size() == 1 ? true : null);
        browser.screenshot("share");
        browser.find("#artifact-aside ul.shares li button").click();
        browser.waitUntil(SHORT, d -> browser.find("#artifact-aside ul.shares").getText().contains("No links yet.") ? true : null);
    }

    @Test
    void at_phone_width_chat_and_artifacts_stack_behind_tabs() {
        browser.resize(Browser.PHONE);
        browser.find("#input").sendKeys("make a bar chart of quarterly sales", Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.waitFor(".msg[data-role=assistant]:not(.live) .body p", TURN);
        browser.waitUntil(SHORT, d -> "1".equals(browser.find("#artifact-count").getText()) ? true : null);
        assertThat(browser.find(".panel").isDisplayed()).isFalse();
        browser.screenshot("phone-chat");

        browser.find("#tab-artifacts").click();
        browser.waitFor(".artifact-body[data-type=chart] canvas", SHORT);
        assertThat(browser.find(".chat").isDisplayed()).isFalse();
        assertThat(browser.find(".artifact-body[data-type=chart] canvas").getSize().getWidth()).isLessThanOrEqualTo(Browser.PHONE.getWidth());
        browser.screenshot("phone-artifacts");

        browser.find("#tab-chat").click();
        assertThat(browser.find(".chat").isDisplayed()).isTrue();
    }

    @Test
    void the_stop_button_cancels_the_running_answer() {
        suite.simulator().configure(new SimulatorConfig(20, 150, 0, 500));
        try {
            String story = IntStream.rangeClosed(1, 60).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
            browser.find("#input").sendKeys("[[text:" + story + "]] a long story", Keys.chord(Keys.CONTROL, Keys.ENTER));
            browser.waitUntil(TURN, d -> {
                List<WebElement> live = browser.findAll(".msg.live .stream");
                return !live.isEmpty() && !live.get(0).getText().isBlank() ? true : null;
            });
            browser.waitFor("#stop", SHORT).click();

            WebElement stopped = browser.waitFor(".msg[data-role=assistant] .error-line", TURN);
            assertThat(stopped.getText()).isEqualTo("Stopped.");
            assertThat(browser.find("#stop").isDisplayed()).isFalse();
            assertThat(browser.findAll(".msg[data-role=assistant] .stream").get(0).getText()).isNotEqualTo(story);
        } finally {
            suite.simulator().configure(RunningSuite.USUAL_PACE);
        }
    }

    @Test
    void a_document_uploaded_to_a_new_knowledge_base_is_indexed_and_cited_in_an_answer() throws Exception {
        Path folder = Files.createTempDirectory("kb");
        Path document = folder.resolve("handbook.txt");
        Files.writeString(document, "Welcome to Acme. The office opens at nine. Parking is behind the building, level two.");
        document.toFile().deleteOnExit();
        folder.toFile().deleteOnExit();
        browser.find("#open-knowledge").click();
        browser.waitFor("#kb-name", SHORT).sendKeys("Handbook");
        browser.find("#kb-create button[type=submit]").click();
        browser.waitUntil(SHORT, d -> browser.findAll(".kb-head strong").stream().anyMatch(e -> e.getText().equals("Handbook")) ? true : null);

        browser.waitUntil(SHORT, d -> {
            d.findElement(By.cssSelector(".kb input[type=file]")).sendKeys(document.toString());
            return true;
        });
        browser.waitUntil(Duration.ofSeconds(90), d -> "indexed".equals(browser.attribute(".kb .uploads li", "data-status")) ? true : null);
        assertThat(browser.find(".kb .uploads li").getText()).isEqualTo("handbook.txt: indexed");
        assertThat((String) browser.script("return document.querySelector('.kb .uploads progress').value.toString()")).isEqualTo("1");
        browser.screenshot("knowledge");

        browser.find(".kb-head input[type=checkbox]").click();
        browser.waitUntil(SHORT, d -> browser.find("#thread-kbs").getText().contains("Knowledge: Handbook") ? true : null);
        browser.find("#knowledge button[value=close]").click();
        browser.find("#input").sendKeys("search: when does the office open", Keys.chord(Keys.CONTROL, Keys.ENTER));

        WebElement sources = browser.waitFor(".msg[data-role=assistant]:not(.live) .citations", TURN);
        assertThat(sources.getText()).contains("Sources (", "handbook.txt", "The office opens at nine");
        browser.screenshot("answer-with-citations");
    }

    @Test
    void a_session_about_to_expire_is_refreshed_and_keeps_the_same_user() {
        Map<String, Object> before = browser.script("return JSON.parse(localStorage.getItem('agentic-chat.session'))");
        browser.script("const s = JSON.parse(localStorage.getItem('agentic-chat.session'));"
                + " s.expires_at = Date.now() + 1000; localStorage.setItem('agentic-chat.session', JSON.stringify(s));");

        browser.open(suite.origin() + "/");
        browser.waitUntil(SHORT, d -> "online".equals(browser.attribute("#connection", "data-state")) ? true : null);

        Map<String, Object> after = browser.script("return JSON.parse(localStorage.getItem('agentic-chat.session'))");
        assertThat(after.get("user_id")).isEqualTo(before.get("user_id"));
        assertThat(after.get("refresh_token")).isNotEqualTo(before.get("refresh_token"));
        assertThat(after.get("access_token")).isNotEqualTo(before.get("access_token"));
        assertThat((Long) after.get("expires_at")).isGreaterThan(System.currentTimeMillis() + 60_000);
        assertThat(browser.findAll(".toast.error")).isEmpty();
    }

    @Test
    void the_models_reasoning_streams_into_a_collapsed_section_above_the_answer() {
        browser.find("#input").sendKeys("[[reasoning:The user wants a plan; Pro fits a team.]] [[text:Take Pro.]] which plan",
                Keys.chord(Keys.CONTROL, Keys.ENTER));

        WebElement answer = browser.waitFor(".msg[data-role=assistant]:not(.live) .body p", TURN);
        WebElement reasoning = browser.find(".msg[data-role=assistant] details.reasoning");

        assertThat(answer.getText()).isEqualTo("Take Pro.");
        assertThat(reasoning.isDisplayed()).isTrue();
        assertThat(reasoning.getAttribute("open")).as("collapsed until the user opens it").isNull();
        assertThat(reasoning.findElement(By.cssSelector("pre")).getAttribute("textContent"))
                .isEqualTo("The user wants a plan; Pro fits a team.");
        reasoning.findElement(By.tagName("summary")).click();
        assertThat(reasoning.getAttribute("open")).isNotNull();
    }

    @Test
    void a_conversation_is_downloaded_in_each_of_the_four_formats() throws Exception {
        assertThat(browser.find("#thread-exports").isDisplayed()).as("nothing to export before the first message").isFalse();
        browser.find("#input").sendKeys("[[text:Exported <b>answer</b>.]] export me", Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.waitFor(".msg[data-role=assistant]:not(.live) .body p", TURN);
        browser.waitUntil(SHORT, d -> browser.findAll("#thread-exports button.export").size() == 4 ? true : null);
        assertThat(browser.findAll("#thread-exports button.export")).extracting(b -> b.getAttribute("data-format"))
                .containsExactly("json", "csv", "md", "html");
        Path downloads = Files.createTempDirectory("thread-downloads");
        browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));

        Map<String, String> files = new HashMap<>();
        for (String format : List.of("json", "csv", "md", "html")) {
            browser.find("#thread-exports button[data-format=" + format + "]").click();
            files.put(format, browser.waitUntil(SHORT, d -> downloaded(downloads, "." + format)));
        }
        assertThat(files.get("json")).contains("export me", "Exported <b>answer</b>.");
        assertThat(files.get("csv")).startsWith("message_id,created_at,role,content").contains("export me");
        assertThat(files.get("md")).contains("export me", "Exported <b>answer</b>.");
        assertThat(files.get("html")).contains("Exported &lt;b&gt;answer&lt;/b&gt;.").doesNotContain("<b>answer</b>");
        assertThat(browser.findAll(".toast.error")).isEmpty();
    }

    @Test
    void a_document_and_an_image_are_attached_shown_on_the_message_and_read_by_the_model() throws Exception {
        browser.console();
        Path folder = Files.createTempDirectory("attachments");
        Path notes = folder.resolve("ferry-notes.txt");
        String fact = "The ferry to the island leaves at 7:40 from pier " + java.util.UUID.randomUUID() + ".";
        Files.writeString(notes, fact);
        Path picture = folder.resolve("pier.png");
        Files.write(picture, java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        Path refused = folder.resolve("tool.exe");
        Files.write(refused, new byte[] {'M', 'Z', 0, 0, 1, 2, 3});
        for (Path file : List.of(notes, picture, refused, folder)) {
            file.toFile().deleteOnExit();
        }

        browser.find("#attach-input").sendKeys(notes + "\n" + picture + "\n" + refused);
        browser.waitUntil(SHORT, d -> browser.findAll("#composer-attachments li[data-attachment-id]").size() == 2 ? true : null);
        WebElement refusal = browser.waitFor("#composer-attachments li.failed", SHORT);
        assertThat(refusal.getText()).contains("tool.exe", "Could not attach tool.exe");
        refusal.findElement(By.cssSelector("button.remove")).click();
        assertThat(browser.findAll("#composer-attachments li")).hasSize(2);

        String question = "When does the ferry leave? " + java.util.UUID.randomUUID();
        browser.find("#input").sendKeys(question, Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.waitFor(".msg[data-role=assistant]:not(.live) .body p", TURN);
        WebElement sent = browser.find(".msg[data-role=user] .attachments");
        assertThat(sent.findElements(By.cssSelector(".file-chip"))).singleElement()
                .satisfies(chip -> assertThat(chip.getText()).startsWith("📄 ferry-notes.txt ("));
        browser.waitUntil(SHORT, d -> (Boolean) browser.script(
                "const img = document.querySelector('.msg[data-role=user] .attachments img.thumbnail');"
                        + " return img && img.complete && img.naturalWidth === 1 && img.src.startsWith('blob:') ? true : null;"));
        assertThat(browser.findAll("#composer-attachments li")).isEmpty();

        com.fasterxml.jackson.databind.JsonNode request = suite.simulator().requests().stream()
                .filter(r -> r.toString().contains(question)).findFirst().orElseThrow();
        assertThat(request.toString()).contains(fact).contains("data:image/png;base64,");

        browser.driver().navigate().refresh();
        browser.waitFor(".msg[data-role=user] .attachments img.thumbnail", TURN);
        assertThat(browser.find(".msg[data-role=user] .attachments .file-chip").getText()).startsWith("📄 ferry-notes.txt");
        assertThat(browser.console()).doesNotContain("Content Security Policy");
    }

    @Test
    void a_refused_message_shows_what_went_wrong() {
        browser.find("#input").sendKeys("[[fail:500]] please fail", Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement failure = browser.waitFor(".msg[data-role=assistant] .error-line", TURN);
        assertThat(failure.getText()).startsWith("The answer failed:");
        assertThat(browser.waitFor(".toast.error", SHORT).getText()).contains("The answer failed");
    }

    /** The text of the finished download whose name ends so, or null while there is none. */
    private static String downloaded(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            return file == null ? null : Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String accessToken() {
        String token = browser.script("return JSON.parse(localStorage.getItem('agentic-chat.session')).access_token");
        assertThat(token).as("the app keeps its session").isNotBlank();
        return token;
    }

    private static void openFromGallery(String type) {
        browser.find("#open-gallery").click();
        browser.waitFor(".gallery-item[data-type=" + type + "]", SHORT).click();
    }

    private static WebElement header(String name) {
        return browser.find(".artifact-body table.grid th button[title='Sort by " + name + "']");
    }

    private static List<String> firstColumn() {
        return browser.findAll(".artifact-body table.grid tbody tr td:first-child").stream().map(WebElement::getText).toList();
    }
}
