package dev.agenticchat.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.e2e.RunningSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A tenant whose admin added a second agent, seen in the browser: its link /a/sales starts a
 * conversation with that agent, and on / a new conversation offers both agents. The visitor's
 * session is one of that tenant, started over HTTP and handed to the app as it keeps its own.
 */
class AgentPickerE2EIT {
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
    void an_agents_link_and_the_picker_bind_new_conversations_to_the_chosen_agent() {
        String tenant = newTenant();
        String admin = tenantAdmin(tenant).path("access_token").asText();
        SuiteHttp.Response sales = http.post("/api/agents", admin, Map.of("slug", "sales", "name", "Sales Sam",
                "description", "Plans, prices and upgrades", "model", "sim-sales",
                "system_prompt", "You are Sales Sam. Recommend the Pro plan."));
        assertThat(sales.status()).as(sales.toString()).isEqualTo(201);
        JsonNode visitor = http.anonymousSession(tenant);
        String token = visitor.path("access_token").asText();

        // The link: a new conversation already set to Sales; its first message binds the thread to it.
        openAs(visitor, "/a/sales");
        assertThat(browser.find("#agent-choice").isDisplayed()).isTrue();
        assertThat(optionTexts()).containsExactly(defaultAgentName(token), "Sales Sam");
        assertThat(picker().getFirstSelectedOption().getAttribute("value")).isEqualTo("sales");
        assertThat(browser.find("#agent-hint").getText()).isEqualTo("Plans, prices and upgrades");
        String linkMarker = "Sales link answer " + UUID.randomUUID();
        String linked = sendAndAwaitAnswer("[[text:" + linkMarker + "]] which plan?", linkMarker);
        assertThat(http.get("/api/threads/" + linked, token).body().path("agent").asText()).isEqualTo("sales");
        WebElement agentName = browser.waitFor("#thread-agent", SHORT);
        assertThat(agentName.getText()).isEqualTo("Sales Sam");
        assertThat(browser.find("#agent-choice").isDisplayed()).as("an existing conversation names its agent, no picker").isFalse();
        browser.screenshot("agent-link-conversation");

        // On / a new conversation starts with the default agent; choosing Sales binds it to Sales.
        browser.open(suite.origin() + "/");
        browser.waitUntil(SHORT, d -> "online".equals(browser.attribute("#connection", "data-state")) ? true : null);
        assertThat(picker().getFirstSelectedOption().getAttribute("value")).isEqualTo("default");
        picker().selectByVisibleText("Sales Sam");
        browser.screenshot("agent-picker");
        String pickedMarker = "Sales picked answer " + UUID.randomUUID();
        String picked = sendAndAwaitAnswer("[[text:" + pickedMarker + "]] upgrade?", pickedMarker);
        assertThat(picked).isNotEqualTo(linked);
        assertThat(http.get("/api/threads/" + picked, token).body().path("agent").asText()).isEqualTo("sales");
        assertThat(browser.waitFor("#thread-agent", SHORT).getText()).isEqualTo("Sales Sam");

        // A conversation with the default agent names it too, as soon as the tenant has more than one.
        browser.find("#new-thread").click();
        assertThat(picker().getFirstSelectedOption().getAttribute("value")).isEqualTo("default");
        String defaultMarker = "Default answer " + UUID.randomUUID();
        String plain = sendAndAwaitAnswer("[[text:" + defaultMarker + "]] hello", defaultMarker);
        assertThat(http.get("/api/threads/" + plain, token).body().path("agent").isNull()).isTrue();
        assertThat(browser.waitFor("#thread-agent", SHORT).getText()).isEqualTo(defaultAgentName(token));
        assertThat(browser.findAll(".toast.error")).isEmpty();
        assertThat(browser.console()).as("the app runs under its CSP without violating it").doesNotContain("Content Security Policy");
    }

    @Test
    void with_only_the_default_agent_there_is_no_picker_and_an_unknown_agents_link_says_so() {
        String tenant = newTenant();
        JsonNode visitor = http.anonymousSession(tenant);

        openAs(visitor, "/a/nobody-here");
        WebElement notice = browser.waitFor(".toast", SHORT);
        assertThat(notice.getText()).contains("nobody-here", "default agent");
        assertThat(notice.getAttribute("class")).doesNotContain("error");
        assertThat(browser.find("#agent-choice").isDisplayed()).isFalse();

        String marker = "Answer " + UUID.randomUUID();
        String thread = sendAndAwaitAnswer("[[text:" + marker + "]] hello", marker);
        assertThat(http.get("/api/threads/" + thread, visitor.path("access_token").asText()).body().path("agent").isNull()).isTrue();
        assertThat(browser.find("#thread-agent").isDisplayed()).as("one agent: the conversation looks as it always did").isFalse();
    }

    /** Opens the app at this path with the visitor's session (the app keeps it in localStorage). */
    private static void openAs(JsonNode session, String path) {
        browser.driver().get(suite.origin() + "/assets/favicon.svg");
        browser.script("localStorage.clear(); sessionStorage.clear();"
                + "localStorage.setItem(arguments[0], JSON.stringify({access_token: arguments[1], refresh_token: arguments[2],"
                + " user_id: arguments[3], tenant_id: arguments[4], expires_at: Date.now() + arguments[5] * 1000}));",
                SESSION_KEY, session.path("access_token").asText(), session.path("refresh_token").asText(),
                session.path("user_id").asText(), session.path("tenant_id").asText(), session.path("expires_in").asLong(900));
        browser.open(suite.origin() + path);
        browser.waitUntil(SHORT, d -> "online".equals(browser.attribute("#connection", "data-state")) ? true : null);
        browser.console();
    }

    /** Sends a message in the current (new) conversation and waits for the answer; the thread's id. */
    private static String sendAndAwaitAnswer(String message, String answer) {
        int before = browser.findAll(".msg[data-role=assistant]:not(.live)").size();
        browser.find("#input").sendKeys(message, Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.waitUntil(TURN, d -> browser.findAll(".msg[data-role=assistant]:not(.live)").size() > before ? true : null);
        assertThat(browser.find(".msg[data-role=assistant]:not(.live) .body").getText()).contains(answer);
        String hash = browser.waitUntil(SHORT, d -> {
            String current = browser.script("return location.hash");
            return current != null && current.startsWith("#thread=") ? current : null;
        });
        return hash.substring("#thread=".length());
    }

    private static Select picker() {
        return new Select(browser.find("#agent-picker"));
    }

    private static List<String> optionTexts() {
        return picker().getOptions().stream().map(WebElement::getText).toList();
    }

    private static String defaultAgentName(String token) {
        return http.get("/api/agents", token).body().path("items").get(0).path("name").asText();
    }

    private static String newTenant() {
        return tenants.create("web-agents");
    }

    private static JsonNode tenantAdmin(String tenant) {
        return tenants.admin(tenant);
    }
}
