package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an attacker with the log files gets: nothing that signs in or that a person typed. A visitor
 * chats with a distinctive prompt, proves an email address with a mailed one-time code, refreshes
 * the session, and an operator reads the mail log with ADMIN_TOKEN; then every service's log is
 * searched for the code, each access and refresh token, ADMIN_TOKEN and the prompt.
 */
class SecretsInLogsE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void no_code_token_admin_token_or_prompt_reaches_any_service_log() throws Exception {
        String prompt = "zebra-prompt-" + UUID.randomUUID();
        String email = "logs-" + UUID.randomUUID() + "@example.com";
        long mailsLogged = mailsLoggedAsSent();
        Api.Session visitor = api.anonymousSession();
        try (WsClient ws = WsClient.authenticated(suite, visitor.accessToken())) {
            ws.send(Map.of("type", "user_message", "content", "[[text:Noted.]] " + prompt,
                    "client_message_id", UUID.randomUUID().toString()));
            ws.awaitType("turn_completed", Duration.ofSeconds(60));
        }
        Api.Session person = api.linkEmail(visitor, email, () -> Api.codeMailedTo(suite.mail(), email));
        String code = Api.codeMailedTo(suite.mail(), email).orElseThrow();
        Api.Session refreshed = api.refresh(person);
        assertThat(api.get("/api/threads", refreshed.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/tenants", RunningSuite.ADMIN_TOKEN).status()).isEqualTo(200);

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the one-time code", code);
        secrets.put("the visitor's access token", visitor.accessToken());
        secrets.put("the visitor's refresh token", visitor.refreshToken());
        secrets.put("the person's access token", person.accessToken());
        secrets.put("the person's refresh token", person.refreshToken());
        secrets.put("the refreshed access token", refreshed.accessToken());
        secrets.put("the refreshed refresh token", refreshed.refreshToken());
        secrets.put("ADMIN_TOKEN", RunningSuite.ADMIN_TOKEN);
        secrets.put("the prompt", prompt);
        secrets.values().forEach(secret -> assertThat(secret).isNotBlank());

        // The mail's outcome is logged after the SMTP server has it: wait for that line before reading the logs.
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsLoggedAsSent() > mailsLogged);
        List<String> found = new ArrayList<>();
        for (String service : RunningSuite.SERVICES) {
            Path log = suite.logOf(service);
            assertThat(log).isRegularFile();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            // The suite logs as containers do (LOG_FORMAT=json): every line is one JSON object (no banner,
            // no stack trace printed around the logger).
            List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("lines in %s", log).isNotEmpty();
            assertThat(lines).as("lines of %s that are not JSON objects", log).allMatch(line -> line.startsWith("{"));
            for (String line : lines) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.path("service").asText()).as(line).isEqualTo(service);
                assertThat(event.path("level").asText()).as(line).isNotBlank();
            }
            secrets.forEach((what, secret) -> {
                // The code is six digits: only as a whole token, not inside a longer number or id.
                Pattern pattern = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])");
                if (pattern.matcher(text).find()) {
                    found.add(what + " in " + log);
                }
            });
        }
        assertThat(found).as("secrets found in the service logs").isEmpty();
    }

    private static long mailsLoggedAsSent() {
        return suite.log("notification-service").lines().filter(line -> line.contains(") sent via ")).count();
    }
}
