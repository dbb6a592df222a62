package dev.agenticchat.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.e2e.RunningSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A tenant admin's pages in the browser: an agent made and changed through the form (the API's
 * field errors shown at their inputs), disabled from the list; its turns in the usage chart
 * and table as the usage API counts them; its changes in the audit log, filtered and exported
 * as the export API gives them. Anyone else of the tenant gets no Admin link and a refusal.
 */
class AdminPagesE2EIT {
    private static final Duration TURN = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static final String SESSION_KEY = "agentic-chat.session";
    private static RunningSuite suite;
    private static Browser browser;
    private static SuiteHttp http;
    private static Tenants tenants;

    @BeforeAll
    static void start() {
        suite = RunningSuite.get();
        http = new SuiteHttp(suite.gateway());
        tenants = new Tenants(suite, http);
        browser = Browser.start(Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_tenant_admin_manages_an_agent_and_reads_its_usage_and_audit_log() throws IOException {
        String tenant = tenants.create("web-admin");
        JsonNode admin = tenants.admin(tenant);
        String token = admin.path("access_token").asText();

        // The app's header links an admin to the admin page, which opens at its agents.
        openAs(admin, "/");
        browser.waitUntil(SHORT, d -> "true".equals(browser.attribute("body", "data-admin")) ? true : null);
        browser.find("#open-admin").click();
        awaitAdminPage("agents");
        assertThat(browser.script("return location.pathname").toString()).isEqualTo("/admin/agents");
        assertThat(browser.waitFor("#agents-table tr[data-slug=default]", SHORT).getText()).contains("default");

        // A new agent: each refusal of the API is shown at the input it names.
        browser.find("#agent-new").click();
        browser.waitFor("#agent-form", SHORT);
        browser.find("#agent-slug").sendKeys("support");
        browser.find("#agent-name").sendKeys("Support Sue");
        browser.find("#agent-description").sendKeys("Answers questions about orders");
        browser.find("#agent-model").sendKeys("sim-support");
        browser.find("#agent-system-prompt").sendKeys("You are Support Sue.");
        browser.find("#agent-input-price").sendKeys("0.5");
        browser.find("#agent-output-price").sendKeys("1.5");
        browser.find("#agent-temperature").sendKeys("3");
        browser.find("#agent-save").click();
        WebElement temperatureError = browser.waitFor("[data-field=temperature] .field-error", SHORT);
        assertThat(temperatureError.getText()).contains("2");
        assertThat(browser.attribute("#agent-temperature", "aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#agent-form-error").getText()).contains("temperature");
        assertThat(browser.findAll(".field-error")).hasSize(1);
        browser.screenshot("admin-agent-form-errors");

        browser.find("#agent-temperature").clear();
        browser.find("#agent-temperature").sendKeys("0.4");
        browser.find("#agent-add-fallback").click();
        List<WebElement> fallback = browser.findAll("#agent-fallbacks li input");
        fallback.get(0).sendKeys("gemini");
        fallback.get(1).sendKeys("gemini-sim");
        browser.find("#agent-save").click();
        WebElement providerError = browser.waitFor("[data-field='fallbacks[0].provider'] .field-error", SHORT);
        assertThat(providerError.getText()).contains("openai", "anthropic");
        assertThat(fallback.get(0).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#agent-form-error").getText()).contains("gemini");
        assertThat(browser.findAll("[data-field=temperature] .field-error")).as("the fixed field's error is gone").isEmpty();

        fallback.get(0).clear();
        fallback.get(0).sendKeys("anthropic");
        browser.find("#agent-save").click();
        awaitRow("support", "1");
        assertThat(browser.find("#agent-form").isDisplayed()).isFalse();
        JsonNode created = http.get("/api/agents/support", token).body();
        assertThat(created.path("name").asText()).isEqualTo("Support Sue");
        assertThat(created.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(created.path("fallbacks").get(0).path("provider").asText()).isEqualTo("anthropic");
        assertThat(created.path("fallbacks").get(0).path("model").asText()).isEqualTo("gemini-sim");

        // Editing makes version 2 with what changed; the history shows both.
        row("support").findElement(By.xpath(".//button[text()='Edit']")).click();
        assertThat(browser.waitFor("#agent-form", SHORT).isDisplayed()).isTrue();
        assertThat(browser.find("#agent-slug").getAttribute("readonly")).isNotNull();
        assertThat(browser.find("#agent-temperature").getAttribute("value")).isEqualTo("0.4");
        // The agent's own key for a provider: set here, shown only as who set it, when, and the sealing key.
        WebElement anthropicKey = browser.waitFor("#agent-keys li[data-provider=anthropic]", SHORT);
        assertThat(anthropicKey.getText()).contains("not set");
        String secret = "sk-ant-admin-page-" + UUID.randomUUID();
        anthropicKey.findElement(By.cssSelector("input[type=password]")).sendKeys(secret);
        anthropicKey.findElement(By.xpath(".//button[text()='Set key']")).click();
        browser.waitUntil(SHORT, d -> browser.find("#agent-keys li[data-provider=anthropic]").getText().contains("set by") ? true : null);
        JsonNode credentials = http.get("/api/credentials", token).body().path("items");
        assertThat(credentials).anySatisfy(c -> {
            assertThat(c.path("agent").asText()).isEqualTo("support");
            assertThat(c.path("provider").asText()).isEqualTo("anthropic");
        });
        assertThat(browser.find("#agent-keys li[data-provider=anthropic]").getText()).contains("Replace key");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        browser.find("#agent-name").clear();
        browser.find("#agent-name").sendKeys("Support Sue II");
        browser.find("#agent-context-tokens").sendKeys("500");
        browser.find("#agent-save").click();
        assertThat(browser.waitFor("[data-field=context_tokens] .field-error", SHORT).getText()).contains("1000");
        browser.find("#agent-context-tokens").clear();
        browser.find("#agent-context-tokens").sendKeys("4000");
        browser.find("#agent-save").click();
        awaitRow("support", "2");
        assertThat(row("support").getText()).contains("Support Sue II");
        JsonNode second = http.get("/api/agents/support", token).body();
        assertThat(second.path("version").asInt()).isEqualTo(2);
        assertThat(second.path("context_tokens").asInt()).isEqualTo(4000);
        assertThat(second.path("mcp_servers")).isEmpty();
        row("support").findElement(By.xpath(".//button[text()='History']")).click();
        browser.waitUntil(SHORT, d -> browser.findAll("#versions-table tr[data-version]").size() == 2 ? true : null);
        assertThat(browser.find("#versions-table tr[data-version='2']").getText()).contains("Support Sue II", "name");
        browser.find("#versions-dialog .dialog-head button").click();

        // A turn with the agent, so that it has usage.
        openAs(admin, "/a/support");
        String marker = "Support answer " + UUID.randomUUID();
        sendAndAwaitAnswer("[[text:" + marker + "]] where is my order?", marker);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String period = "from=" + LocalDate.now(ZoneOffset.UTC).minusDays(29) + "&to=" + today;
        long requests = Awaitility.await().atMost(SHORT).until(() -> agentRequests(token, period, "support"), n -> n > 0);

        // Disabled from the list: version 3.
        browser.open(suite.origin() + "/admin/agents");
        awaitAdminPage("agents");
        awaitRow("support", "2");
        row("support").findElement(By.cssSelector("button.toggle-status")).click();
        awaitRow("support", "3");
        assertThat(row("support").findElement(By.cssSelector(".status-badge")).getText()).isEqualTo("disabled");
        assertThat(http.get("/api/agents/support", token).body().path("status").asText()).isEqualTo("disabled");

        // Usage: today's bar and the agent's row say what the usage API says.
        browser.find(".admin-tabs a[data-section=usage]").click();
        browser.waitFor("#usage-table tbody tr[data-key=support]", SHORT);
        assertThat(browser.script("return location.pathname").toString()).isEqualTo("/admin/usage");
        assertThat(agentRequests(token, period, "support")).isEqualTo(requests);
        assertThat(browser.find("#usage-table tbody tr[data-key=support] td[data-column=requests]").getText())
                .isEqualTo(String.valueOf(requests));
        assertThat(browser.find("#usage-table tbody tr[data-key=support]").getText()).contains("Support Sue II");
        JsonNode todayUsage = day(http.get("/api/usage?" + period + "&group_by=day", token).body(), today);
        assertThat(todayUsage.path("cost").decimalValue()).as("priced at the agent's own prices").isPositive();
        assertThat(browser.findAll("#usage-chart svg g[data-day]")).hasSize(30);
        assertThat(browser.findAll("#usage-chart svg g.day.empty")).as("the other days' bars are empty").hasSize(29);
        WebElement todayBar = browser.find("#usage-chart svg g[data-day='" + today + "']");
        assertThat(todayBar.getAttribute("class")).isEqualTo("day");
        assertThat(todayBar.getAttribute("data-requests")).isEqualTo(todayUsage.path("requests").asText());
        assertThat(Double.parseDouble(todayBar.getAttribute("data-value"))).isEqualTo(todayUsage.path("cost").asDouble());
        assertThat(todayBar.getAttribute("aria-label")).contains(todayUsage.path("requests").asText() + " requests");
        assertThat(Double.parseDouble(todayBar.findElement(By.cssSelector("rect.bar")).getAttribute("height"))).isPositive();
        assertThat(browser.find("#usage-table tfoot td[data-column=requests]").getText())
                .isEqualTo(http.get("/api/usage?" + period + "&group_by=agent", token).body().path("totals").path("requests").asText());
        browser.find("#usage-filters input[value=total_tokens]").click();
        assertThat(browser.attribute("#usage-chart svg", "data-metric")).isEqualTo("total_tokens");
        assertThat(browser.attribute("#usage-chart svg g[data-day='" + today + "']", "data-value"))
                .isEqualTo(todayUsage.path("total_tokens").asText());
        browser.screenshot("admin-usage");

        // The audit log of the agent's changes, filtered, then exported as CSV with the same filters.
        browser.find(".admin-tabs a[data-section=audit]").click();
        browser.waitUntil(SHORT, d -> "true".equals(browser.attribute("#section-audit", "data-loaded")) ? true : null);
        new Select(browser.find("#audit-agent")).selectByValue("support");
        new Select(browser.find("#audit-type")).selectByValue("agent.updated");
        browser.find("#audit-filters button[type=submit]").click();
        JsonNode logs = http.get("/api/audit/logs?agent=support&type=agent.updated", token).body().path("items");
        assertThat(logs).hasSize(2);
        browser.waitUntil(SHORT, d -> {
            List<WebElement> rows = browser.findAll("#audit-table tbody tr");
            return rows.size() == 2 && rows.stream().allMatch(r -> "agent.updated".equals(r.getAttribute("data-type"))) ? true : null;
        });
        List<WebElement> rows = browser.findAll("#audit-table tbody tr");
        assertThat(rows.get(0).getAttribute("data-id")).isEqualTo(logs.get(0).path("id").asText());
        assertThat(rows.get(0).getText()).contains("support", "version 3");
        assertThat(rows.get(1).getText()).contains("version 2");
        browser.screenshot("admin-audit");

        Path downloads = Files.createTempDirectory("admin-downloads");
        browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.find("#audit-export-csv").click();
        Path csv = downloads.resolve("audit-log.csv");
        Awaitility.await().atMost(SHORT).until(() -> Files.exists(csv) && !partialDownloads(downloads));
        String exported = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(exported).isEqualTo(http.text("/api/audit/export?format=csv&agent=support&type=agent.updated", token));
        assertThat(exported.split("\r\n")).hasSize(3);
        assertThat(exported).startsWith("occurred_at,type,agent,actor,summary,details\r\n").contains("version 2", "version 3");
        assertThat(exported).doesNotContain("agent.created");

        assertThat(browser.findAll(".toast.error")).isEmpty();
        assertThat(browser.console()).as("the pages run under the CSP without violating it").doesNotContain("Content Security Policy");
    }

    @Test
    void a_tenant_admin_adds_changes_and_deletes_a_budget() {
        String tenant = tenants.create("web-budget");
        JsonNode admin = tenants.admin(tenant);
        String token = admin.path("access_token").asText();
        openAdminAs(admin, "/admin/budgets");
        awaitAdminPage("budgets");
        browser.waitUntil(SHORT, d -> "true".equals(browser.attribute("#section-budgets", "data-loaded")) ? true : null);
        assertThat(browser.find("#budgets-table tbody").getText()).contains("No budgets");

        // The API names the field at fault; the form shows it there.
        new Select(browser.find("#budget-scope")).selectByValue("agent");
        assertThat(browser.find("#budget-agent").isDisplayed()).isTrue();
        new Select(browser.find("#budget-scope")).selectByValue("tenant");
        assertThat(browser.find("#budget-agent").isDisplayed()).isFalse();
        browser.find("#budget-save").click();
        assertThat(browser.waitFor("[data-field=limit] .field-error", SHORT).getText()).contains("is required");
        browser.find("#budget-limit").sendKeys("1000.5");
        browser.find("#budget-save").click();
        browser.waitUntil(SHORT, d -> browser.find("[data-field=limit]").getText().contains("whole number") ? true : null);
        assertThat(browser.attribute("#budget-limit", "aria-invalid")).isEqualTo("true");

        browser.find("#budget-limit").clear();
        browser.find("#budget-limit").sendKeys("1000");
        browser.find("#budget-save").click();
        WebElement budget = browser.waitFor("#budgets-table tbody tr[data-id]", SHORT);
        assertThat(budget.getText()).contains("the whole organisation", "a day", "tokens", "0 %");
        JsonNode stored = http.get("/api/budgets", token).body().path("items");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("limit").decimalValue()).isEqualByComparingTo("1000");
        assertThat(budget.getAttribute("data-id")).isEqualTo(stored.get(0).path("id").asText());
        assertThat(browser.findAll("#budget-form .field-error")).isEmpty();

        budget.findElement(By.xpath(".//button[text()='Change limit']")).click();
        WebElement limit = browser.find("#budgets-table td.limit input");
        limit.clear();
        limit.sendKeys("2000");
        browser.find("#budgets-table td.limit").findElement(By.xpath(".//button[text()='Save']")).click();
        browser.waitUntil(SHORT, d -> browser.findAll("#budgets-table td.limit input").isEmpty() ? true : null);
        assertThat(http.get("/api/budgets", token).body().path("items").get(0).path("limit").decimalValue()).isEqualByComparingTo("2000");
        assertThat(browser.find("#budgets-table td.limit").getText()).matches("2\\D?000 tokens");
        browser.screenshot("admin-budgets");

        browser.find("#budgets-table tr[data-id] button.delete").click();
        browser.waitFor("#confirm-dialog", SHORT);
        browser.find("#confirm-ok").click();
        browser.waitUntil(SHORT, d -> browser.findAll("#budgets-table tr[data-id]").isEmpty() ? true : null);
        assertThat(http.get("/api/budgets", token).body().path("items")).isEmpty();
        assertThat(browser.findAll(".toast.error")).isEmpty();
        assertThat(browser.console()).doesNotContain("Content Security Policy");
    }

    @Test
    void a_tenant_admin_registers_an_mcp_server_gives_it_new_headers_and_deletes_it_and_never_sees_a_header_value() {
        String tenant = tenants.create("web-mcp");
        JsonNode admin = tenants.admin(tenant);
        String token = admin.path("access_token").asText();
        openAdminAs(admin, "/admin/mcp");
        awaitAdminPage("mcp");
        browser.waitUntil(SHORT, d -> "true".equals(browser.attribute("#section-mcp", "data-loaded")) ? true : null);
        assertThat(browser.find("#mcp-table tbody").getText()).contains("No MCP servers");

        // The API's refusals show at the fields they name.
        browser.find("#mcp-slug").sendKeys("Not A Slug");
        browser.find("#mcp-name").sendKeys("Order desk");
        browser.find("#mcp-url").sendKeys("ftp://orders.example/mcp");
        browser.find("#mcp-save").click();
        browser.waitFor("[data-field=slug] .field-error", SHORT);
        assertThat(browser.find("[data-field=url] .field-error").getText()).isNotBlank();

        String secret = "Bearer mcp-page-" + UUID.randomUUID();
        browser.find("#mcp-slug").clear();
        browser.find("#mcp-slug").sendKeys("orders");
        browser.find("#mcp-url").clear();
        browser.find("#mcp-url").sendKeys("http://127.0.0.1:9/mcp");
        browser.find("#mcp-headers").sendKeys("Authorization: " + secret);
        browser.find("#mcp-save").click();
        WebElement server = browser.waitFor("#mcp-table tr[data-slug=orders]", SHORT);
        assertThat(server.getText()).contains("Order desk", "streamable HTTP", "http://127.0.0.1:9/mcp", "Authorization");
        assertThat(http.get("/api/mcp-servers/orders", token).body().path("header_names").toString()).isEqualTo("[\"Authorization\"]");

        server.findElement(By.cssSelector("button.new-headers")).click();
        browser.find("#mcp-table td.headers textarea").sendKeys("X-Api-Key: k-" + UUID.randomUUID());
        browser.find("#mcp-table td.headers button.save-headers").click();
        browser.waitUntil(SHORT, d -> browser.find("#mcp-table tr[data-slug=orders] td.headers").getText().equals("X-Api-Key")
                ? true : null);
        assertThat(http.get("/api/mcp-servers/orders", token).body().path("header_names").toString()).isEqualTo("[\"X-Api-Key\"]");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        browser.screenshot("admin-mcp");

        browser.find("#mcp-table tr[data-slug=orders] button.delete").click();
        browser.waitFor("#confirm-dialog", SHORT);
        browser.find("#confirm-ok").click();
        browser.waitUntil(SHORT, d -> browser.findAll("#mcp-table tr[data-slug]").isEmpty() ? true : null);
        assertThat(http.get("/api/mcp-servers", token).body().path("items")).isEmpty();
        assertThat(browser.findAll(".toast.error")).isEmpty();
        assertThat(browser.console()).doesNotContain("Content Security Policy");
    }

    @Test
    void a_tenant_admin_makes_an_api_key_sees_its_secret_once_and_revokes_it() {
        String tenant = tenants.create("web-keys");
        JsonNode admin = tenants.admin(tenant);
        String token = admin.path("access_token").asText();
        openAdminAs(admin, "/admin/keys");
        awaitAdminPage("keys");
        browser.waitUntil(SHORT, d -> "true".equals(browser.attribute("#section-keys", "data-loaded")) ? true : null);
        assertThat(browser.find("#keys-table tbody").getText()).contains("No API keys");

        browser.find("#key-create").click();
        browser.waitFor("[data-field=name] .field-error", SHORT);
        browser.find("#key-name").sendKeys("CRM integration");
        browser.find("#key-create").click();
        WebElement shown = browser.waitFor("#key-created:not([hidden]) #key-secret", SHORT);
        String secret = shown.getText();
        assertThat(secret).startsWith("ack_").hasSize(47);
        WebElement row = browser.waitFor("#keys-table tr[data-revoked=false]", SHORT);
        assertThat(row.getText()).contains("CRM integration", secret.substring(0, 12), "never", "active").doesNotContain(secret);
        assertThat(http.get("/v1/models", secret).status()).as("the shown secret is the key").isEqualTo(200);
        browser.screenshot("admin-keys");

        browser.find("#key-dismiss").click();
        browser.waitUntil(SHORT, d -> browser.find("#key-created").isDisplayed() ? null : true);
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        browser.find("#keys-table tr[data-revoked=false] button.revoke").click();
        browser.waitFor("#confirm-dialog", SHORT);
        browser.find("#confirm-ok").click();
        browser.waitFor("#keys-table tr[data-revoked=true]", SHORT);
        assertThat(browser.find("#keys-table tr[data-revoked=true] td.status").getText()).startsWith("revoked");
        assertThat(http.get("/v1/models", secret).status()).isEqualTo(401);
        assertThat(http.get("/api/api-keys", token).body().path("items").get(0).path("revoked_at").isNull()).isFalse();
        assertThat(browser.findAll(".toast.error")).isEmpty();
        assertThat(browser.console()).doesNotContain("Content Security Policy");
    }

    @Test
    void anyone_else_of_the_tenant_gets_no_admin_link_and_is_refused_by_the_admin_page() {
        String tenant = tenants.create("web-admin");
        JsonNode visitor = http.anonymousSession(tenant);

        openAs(visitor, "/");
        browser.waitUntil(SHORT, d -> "false".equals(browser.attribute("body", "data-admin")) ? true : null);
        assertThat(browser.find("#open-admin").isDisplayed()).isFalse();

        browser.open(suite.origin() + "/admin/usage");
        WebElement refusal = browser.waitFor("#admin-refusal", SHORT);
        assertThat(refusal.getText()).contains("Only your tenant's admins can open this page.", "visitor");
        for (String hidden : List.of(".admin-tabs", "#section-agents", "#section-usage", "#section-audit")) {
            assertThat(browser.find(hidden).isDisplayed()).as(hidden).isFalse();
        }
        assertThat(http.get("/api/audit/logs", visitor.path("access_token").asText()).status()).isEqualTo(403);
        browser.screenshot("admin-refused");
        assertThat(browser.console()).doesNotContain("Content Security Policy");
    }

    private static long agentRequests(String token, String period, String slug) {
        for (JsonNode group : http.get("/api/usage?" + period + "&group_by=agent", token).body().path("groups")) {
            if (slug.equals(group.path("key").asText())) {
                return group.path("requests").asLong();
            }
        }
        return 0;
    }

    private static JsonNode day(JsonNode report, String day) {
        for (JsonNode group : report.path("groups")) {
            if (day.equals(group.path("key").asText())) {
                return group;
            }
        }
        throw new AssertionError("no " + day + " in " + report);
    }

    private static boolean partialDownloads(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".crdownload"));
        }
    }

    private static WebElement row(String slug) {
        return browser.find("#agents-table tr[data-slug='" + slug + "']");
    }

    /** Waits until the agents list shows this version of the agent. */
    private static void awaitRow(String slug, String version) {
        browser.waitUntil(SHORT, d -> {
            List<WebElement> found = browser.findAll("#agents-table tr[data-slug='" + slug + "'] td.version");
            return !found.isEmpty() && version.equals(found.get(0).getText()) ? true : null;
        });
    }

    private static void awaitAdminPage(String section) {
        browser.waitUntil(SHORT, d -> "true".equals(browser.attribute("body.admin-page", "data-ready"))
                && section.equals(browser.attribute("body", "data-section")) ? true : null);
    }

    /** Opens the admin page at this path with the session (kept in localStorage, as the app keeps it). */
    private static void openAdminAs(JsonNode session, String path) {
        storeSession(session);
        browser.open(suite.origin() + path);
        browser.console();
    }

    /** Opens the app at this path with the session (the app keeps it in localStorage). */
    private static void openAs(JsonNode session, String path) {
        storeSession(session);
        browser.open(suite.origin() + path);
        browser.waitUntil(SHORT, d -> "online".equals(browser.attribute("#connection", "data-state")) ? true : null);
        browser.console();
    }

    private static void storeSession(JsonNode session) {
        browser.driver().get(suite.origin() + "/assets/favicon.svg");
        browser.script("localStorage.clear(); sessionStorage.clear();"
                + "localStorage.setItem(arguments[0], JSON.stringify({access_token: arguments[1], refresh_token: arguments[2],"
                + " user_id: arguments[3], tenant_id: arguments[4], expires_at: Date.now() + arguments[5] * 1000}));",
                SESSION_KEY, session.path("access_token").asText(), session.path("refresh_token").asText(),
                session.path("user_id").asText(), session.path("tenant_id").asText(), session.path("expires_in").asLong(900));
    }

    private static void sendAndAwaitAnswer(String message, String answer) {
        int before = browser.findAll(".msg[data-role=assistant]:not(.live)").size();
        browser.find("#input").sendKeys(message, Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.waitUntil(TURN, d -> browser.findAll(".msg[data-role=assistant]:not(.live)").size() > before ? true : null);
        assertThat(browser.find(".msg[data-role=assistant]:not(.live) .body").getText()).contains(answer);
    }
}
