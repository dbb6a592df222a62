package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Summaries through the product: a tenant with a short inactivity timeout and a summary
 * recipient; with two agent-service instances sweeping, a quiet thread is summarised once, the
 * recipient gets one mail, and the thread's summary (with the lead profile) is readable.
 */
class SummaryE2EIT {
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void a_quiet_thread_is_summarised_once_by_two_agent_workers_and_mailed_to_the_tenants_recipient() throws Exception {
        suite.startReplica("agent-service");
        String slug = "summaries-" + UUID.randomUUID().toString().substring(0, 8);
        String recipient = "sales-" + UUID.randomUUID() + "@acme.example";
        HttpResponse<String> tenant = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(suite.gateway() + "/api/admin/tenants"))
                .header("Authorization", "Bearer " + RunningSuite.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + slug + "\",\"name\":\"Acme\",\"summary_recipient\":\""
                        + recipient + "\",\"inactivity_timeout\":\"10s\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);

        Api.Session session = api.anonymousSession(slug);
        String threadId;
        try (WsClient ws = WsClient.authenticated(suite, session.accessToken())) {
            ws.send(Map.of("type", "user_message", "client_message_id", UUID.randomUUID().toString(),
                    "content", "[[text:Happy to help, Ada.]] my name is Ada, write to ada@example.com, I am interested in solar panels"));
            threadId = ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            ws.awaitType("turn_completed", Duration.ofSeconds(60));
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> mailsTo(recipient) >= 1);
        await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> mailsTo(recipient) == 1);

        Api.Response summary = api.get("/api/threads/" + threadId + "/summary", session.accessToken());
        assertThat(summary.status()).isEqualTo(200);
        JsonNode lead = summary.body().path("lead");
        assertThat(lead.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(lead.path("name").asText()).isEqualTo("Ada");
        assertThat(summary.body().path("summary").asText()).isNotBlank();
    }

    private static long mailsTo(String address) throws Exception {
        long count = 0;
        for (MimeMessage message : suite.mail().getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) {
                count++;
            }
        }
        return count;
    }
}
