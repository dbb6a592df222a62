package dev.agenticchat.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.agenticchat.e2e.RunningSuite;
import dev.agenticchat.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The embeddable widget on a host site of another origin: the shop's pages are served by a small
 * HTTP server in this test at http://localhost:PORT (with a strict CSP of its own), the gateway is
 * http://127.0.0.1:PORT. The widget chats, streams, draws the chart with the web app's renderer,
 * comes back to the same conversation after a reload, and leaves the host's styles and globals as
 * they were; a site the tenant does not allow gets a clear error and no CORS header.
 */
class WidgetE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TURN = Duration.ofSeconds(45);
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static RunningSuite suite;
    private static Browser browser;
    private static SuiteHttp http;
    private static HttpServer allowedSite;
    private static HttpServer otherSite;
    private static String tenant;

    @BeforeAll
    static void start() throws IOException {
        suite = RunningSuite.get();
        http = new SuiteHttp(suite.gateway());
        browser = Browser.start(Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize());
        allowedSite = hostSite();
        otherSite = hostSite();
        tenant = "shop-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        SuiteHttp.Response created = http.operator("/api/admin/tenants",
                Map.of("slug", tenant, "name", "Shop", "allowed_origins", List.of(origin(allowedSite))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        for (HttpServer site : new HttpServer[] {allowedSite, otherSite}) {
            if (site != null) {
                site.stop(0);
            }
        }
    }

    @AfterEach
    void usualPace() {
        suite.simulator().configure(RunningSuite.USUAL_PACE);
    }

    @Test
    void a_shop_embeds_the_chat_which_streams_draws_the_chart_and_keeps_the_conversation_across_page_loads() {
        String shop = origin(allowedSite);
        browser.driver().get(shop + "/");
        browser.script("localStorage.clear();");
        browser.driver().get(shop + "/?tenant=" + tenant);
        browser.console();
        Map<String, Object> before = hostState();
        assertThat(before.get("color")).isEqualTo("rgb(10, 20, 30)");
        assertThat(before.get("sheets")).as("the host's own stylesheet only").isEqualTo(1L);
        assertThat((String) before.get("head")).doesNotContain("<style").doesNotContain("widget");
        assertThat(before.get("globals")).as("globals the widget added").isEqualTo("");

        SearchContext widget = widgetRoot();
        widget.findElement(By.cssSelector(".launcher")).click();
        awaitState(widget, "online");

        // A slower model, so the answer is seen growing before it is complete.
        suite.simulator().configure(new SimulatorConfig(20, 60, 0, 500));
        WebElement input = widget.findElement(By.cssSelector("textarea"));
        input.sendKeys("make a bar chart of quarterly sales");
        input.sendKeys(Keys.ENTER);
        browser.waitUntil(TURN, d -> {
            List<WebElement> live = widget.findElements(By.cssSelector(".msg.assistant.live .stream"));
            return !live.isEmpty() && !live.get(0).getText().isBlank() ? true : null;
        });
        browser.waitUntil(TURN, d -> widget.findElements(By.cssSelector(".msg.assistant:not(.live)")).isEmpty() ? null : true);
        WebElement chart = browser.waitUntil(TURN, d -> first(widget, ".artifact-card[data-artifact-type='chart'] canvas"));
        assertThat(chart.getSize().getHeight()).as("Chart.js drew into the canvas").isGreaterThan(100);
        String answer = widget.findElement(By.cssSelector(".msg.assistant:not(.live) .body")).getText();
        assertThat(answer).isNotBlank();
        browser.screenshot("widget-on-a-host-site");

        String key = "agentic-chat.widget:" + suite.gateway() + ":" + tenant;
        JsonNode stored = storedSession(key);
        assertThat(stored.path("refresh_token").asText()).isNotBlank();
        assertThat(stored.path("threads").path("default").asText()).as("the conversation, by agent").isNotBlank();
        assertThat(hostState()).as("the widget's styles and scripts stay in its shadow root").isEqualTo(before);

        // Another page load of the site: the same visitor and conversation, the pane open as it was left.
        browser.driver().get(shop + "/?tenant=" + tenant + "&page=2");
        SearchContext again = widgetRoot();
        awaitState(again, "online");
        browser.waitUntil(SHORT, d -> again.findElements(By.cssSelector(".msg.user")).size() == 1
                && again.findElements(By.cssSelector(".msg.assistant")).size() == 1 ? true : null);
        assertThat(again.findElement(By.cssSelector(".msg.user")).getText()).isEqualTo("make a bar chart of quarterly sales");
        assertThat(again.findElement(By.cssSelector(".msg.assistant .body")).getText()).isEqualTo(answer);
        browser.waitUntil(SHORT, d -> first(again, ".artifact-card[data-artifact-type='chart'] canvas"));
        assertThat(storedSession(key).path("user_id").asText()).isEqualTo(stored.path("user_id").asText());
        assertThat(hostState()).isEqualTo(before);
        assertThat(browser.console()).doesNotContain("Content Security Policy").doesNotContain("CORS");
    }

    @Test
    void after_the_gateway_restarts_the_widget_reconnects_and_shows_the_conversation_once() {
        String shop = origin(allowedSite);
        browser.driver().get(shop + "/");
        browser.script("localStorage.clear();");
        browser.driver().get(shop + "/?tenant=" + tenant);
        SearchContext widget = widgetRoot();
        widget.findElement(By.cssSelector(".launcher")).click();
        awaitState(widget, "online");
        say(widget, "[[text:before the restart]] hello");
        browser.waitUntil(TURN, d -> answers(widget).equals(List.of("before the restart")) ? true : null);

        suite.crash("gateway-service");
        awaitState(widget, "reconnecting");
        suite.restart("gateway-service");
        browser.waitUntil(Duration.ofSeconds(40), d -> "online".equals(widget.findElement(By.cssSelector(".state")).getAttribute("data-state")) ? true : null);
        assertThat(widget.findElement(By.cssSelector(".widget-error")).isDisplayed()).as("no error left once back").isFalse();

        say(widget, "[[text:after the restart]] still there?");
        browser.waitUntil(TURN, d -> answers(widget).equals(List.of("before the restart", "after the restart"))
                && widget.findElements(By.cssSelector(".msg.user")).size() == 2 ? true : null);
    }

    @Test
    void a_site_the_tenant_does_not_allow_gets_a_clear_error_and_no_cors_header() throws Exception {
        String stranger = origin(otherSite);
        browser.driver().get(stranger + "/");
        browser.script("localStorage.clear();");
        browser.driver().get(stranger + "/?tenant=" + tenant);
        SearchContext widget = widgetRoot();
        widget.findElement(By.cssSelector(".launcher")).click();
        WebElement error = browser.waitUntil(SHORT, d -> first(widget, ".widget-error"));
        assertThat(error.getText()).contains("is not allowed to use this chat").contains(stranger);
        assertThat(widget.findElement(By.cssSelector(".state")).getText()).isEqualTo("Not available");
        browser.screenshot("widget-on-a-site-not-allowed");

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> preflight = client.send(HttpRequest.newBuilder(URI.create(suite.gateway() + "/api/auth/anonymous"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", stranger)
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> module = client.send(HttpRequest.newBuilder(URI.create(suite.gateway() + "/assets/renderers/registry.js"))
                .header("Origin", stranger).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(module.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        // The shop's own site with another tenant's widget: the site is allowed, but not by that tenant.
        browser.driver().get(origin(allowedSite) + "/");
        browser.script("localStorage.clear();");
        browser.driver().get(origin(allowedSite) + "/?tenant=default");
        SearchContext otherTenant = widgetRoot();
        otherTenant.findElement(By.cssSelector(".launcher")).click();
        assertThat(browser.waitUntil(SHORT, d -> first(otherTenant, ".widget-error")).getText()).contains("is not allowed to use this chat");
    }

    // ---- the host site ------------------------------------------------------------------------

    /**
     * A shop's pages at http://localhost:PORT (the gateway is 127.0.0.1: another origin): its own
     * styles, a script that notes its globals before the widget's tag, and a CSP that allows the
     * gateway and nothing else. {@code ?tenant=} picks the widget's tenant.
     */
    private static HttpServer hostSite() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String gateway = suite.gateway();
        String socket = gateway.replace("http://", "ws://");
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            String tenantSlug = query != null && query.contains("tenant=") ? query.replaceAll(".*tenant=([a-z0-9-]+).*", "$1") : "default";
            String type;
            String body;
            if (path.equals("/globals.js")) {
                type = "text/javascript";
                body = "window.hostGlobals = Object.getOwnPropertyNames(window);";
            } else if (path.equals("/host.css")) {
                type = "text/css";
                body = "p.host-text { color: rgb(10, 20, 30); font-family: serif; } button { background: rgb(255, 0, 0); }";
            } else if (path.equals("/")) {
                type = "text/html; charset=utf-8";
                body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Shop</title>"
                        + "<link rel=\"stylesheet\" href=\"/host.css\"><script src=\"/globals.js\"></script></head>"
                        + "<body><h1>The shop</h1><p class=\"host-text\">Welcome to the shop.</p>"
                        + "<button id=\"host-button\" type=\"button\">Buy</button>"
                        + "<script src=\"" + gateway + "/widget.js\" data-tenant=\"" + tenantSlug
                        + "\" data-agent=\"default\" data-title=\"Shop assistant\"></script></body></html>";
                exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'; script-src 'self' " + gateway
                        + "; style-src 'self' " + gateway + "; connect-src " + gateway + " " + socket + "; img-src 'self' data: blob:");
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static String origin(HttpServer site) {
        return "http://localhost:" + site.getAddress().getPort();
    }

    /** What the widget must not change: the host's computed styles, its head, its stylesheets and its globals. */
    private Map<String, Object> hostState() {
        return browser.script("""
                const p = document.querySelector('p.host-text');
                const button = document.getElementById('host-button');
                // chromedriver's own leftovers from looking into shadow roots: ret_nodes, se_*.
                const driver = (n) => n === 'ret_nodes' || n.startsWith('se_');
                const added = Object.getOwnPropertyNames(window).filter((n) => !window.hostGlobals.includes(n) && n !== 'hostGlobals' && !driver(n));
                return {
                  color: getComputedStyle(p).color, font: getComputedStyle(p).fontFamily,
                  button: getComputedStyle(button).backgroundColor, bodyMargin: getComputedStyle(document.body).margin,
                  head: [...document.head.children].map((e) => e.outerHTML).join('\\n'),
                  sheets: document.styleSheets.length, globals: added.join(','),
                  bodyChildren: [...document.body.children].map((e) => e.tagName + (e.hasAttribute('data-agentic-chat-widget') ? '[widget]' : '')).join(','),
                };""");
    }

    private static void say(SearchContext widget, String text) {
        WebElement input = widget.findElement(By.cssSelector("textarea"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    private static List<String> answers(SearchContext widget) {
        return widget.findElements(By.cssSelector(".msg.assistant:not(.live) .body")).stream().map(e -> e.getText().strip()).toList();
    }

    private SearchContext widgetRoot() {
        // The host element has no box of its own (what it shows is fixed-positioned): found, not "displayed".
        WebElement host = browser.waitUntil(SHORT, d -> d.findElements(By.cssSelector("[data-agentic-chat-widget]")).stream().findFirst().orElse(null));
        return host.getShadowRoot();
    }

    private void awaitState(SearchContext widget, String state) {
        browser.waitUntil(SHORT, d -> state.equals(widget.findElement(By.cssSelector(".state")).getAttribute("data-state")) ? true : null);
    }

    private JsonNode storedSession(String key) {
        try {
            return JSON.readTree((String) browser.script("return localStorage.getItem(arguments[0]);", key));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebElement first(SearchContext context, String css) {
        List<WebElement> found = context.findElements(By.cssSelector(css));
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }
}
