package dev.agenticchat.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.e2e.RunningSuite;
import dev.agenticchat.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The gateway process dies mid-answer and comes back: the app reconnects and shows every message once. */
class ReconnectE2EIT {
    private static RunningSuite suite;
    private static Browser browser;

    @BeforeAll
    static void start() {
        suite = RunningSuite.get();
        browser = Browser.start(Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void usualPace() {
        suite.simulator().configure(RunningSuite.USUAL_PACE);
    }

    @Test
    void after_the_gateway_drops_the_socket_no_message_is_lost_or_doubled() {
        browser.driver().get(suite.origin() + "/");
        browser.script("localStorage.clear();");
        browser.open(suite.origin() + "/");
        awaitConnection("online", Duration.ofSeconds(15));

        // A slow model: the gateway dies while the answer is still streaming.
        suite.simulator().configure(new SimulatorConfig(20, 150, 0, 500));
        String story = IntStream.rangeClosed(1, 30).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        send("[[text:" + story + "]] tell me a story");
        browser.waitUntil(Duration.ofSeconds(30), d -> {
            List<WebElement> live = browser.findAll(".msg.live .stream");
            return !live.isEmpty() && !live.get(0).getText().isBlank() ? true : null;
        });

        suite.crash("gateway-service");
        awaitConnection("reconnecting", Duration.ofSeconds(15));
        assertThat(browser.find("#connection").getText()).startsWith("Disconnected");
        browser.screenshot("reconnecting");
        suite.restart("gateway-service");
        awaitConnection("online", Duration.ofSeconds(60));

        browser.waitUntil(Duration.ofSeconds(60), d -> assistantTexts().equals(List.of(story)) ? true : null);
        assertThat(userTexts()).containsExactly("[[text:" + story + "]] tell me a story");

        suite.simulator().configure(RunningSuite.USUAL_PACE);
        send("[[text:still here]] and now?");
        browser.waitUntil(Duration.ofSeconds(60), d -> assistantTexts().size() == 2 && !browser.findAll(".msg").isEmpty()
                && browser.findAll(".msg.live").isEmpty() ? true : null);
        assertThat(assistantTexts()).containsExactly(story, "still here");
        assertThat(userTexts()).containsExactly("[[text:" + story + "]] tell me a story", "[[text:still here]] and now?");

        // And the same conversation after a reload, from the stored history.
        browser.open(browser.driver().getCurrentUrl());
        browser.waitUntil(Duration.ofSeconds(15), d -> browser.findAll(".msg").size() == 4 ? true : null);
        assertThat(assistantTexts()).containsExactly(story, "still here");
        assertThat(userTexts()).hasSize(2);
    }

    private static void send(String text) {
        browser.find("#input").sendKeys(text, Keys.chord(Keys.CONTROL, Keys.ENTER));
    }

    private static void awaitConnection(String state, Duration timeout) {
        browser.waitUntil(timeout, d -> state.equals(browser.attribute("#connection", "data-state")) ? true : null);
    }

    private static List<String> assistantTexts() {
        return browser.findAll(".msg[data-role=assistant]").stream().map(m -> m.findElement(By.cssSelector(".body")).getText().strip()).toList();
    }

    private static List<String> userTexts() {
        return browser.findAll(".msg[data-role=user] .body").stream().map(WebElement::getText).toList();
    }
}
