package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.agenticchat.support.testing.TestDatabase;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity through the product: two browsers' anonymous sessions prove one email address with
 * codes read from a real SMTP server and from a fake SendGrid endpoint, and both see one
 * history; then the person erases their data, every service confirms, and a look into every
 * schema finds nothing left about them.
 */
class IdentityE2EIT {
    private static final Duration TURN = Duration.ofSeconds(60);
    private static final Duration MAIL = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");
    private static final List<String> SCHEMAS = List.of("gateway", "chat", "agent", "retrieval", "artifact", "notification");
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void two_browsers_link_one_email_share_one_history_and_the_persons_erasure_leaves_nothing_anywhere() throws Exception {
        String email = "linda-" + UUID.randomUUID() + "@example.com";
        String phone = "555-" + (1000 + (int) (Math.random() * 8999));
        Api.Session laptop = api.anonymousSession();
        String laptopThread = chat(laptop, "[[text:Noted.]] please call me on " + phone);
        String artifact = api.post("/api/artifacts", laptop.accessToken(), Map.of("type", "markdown", "thread_id", laptopThread,
                "content", Map.of("title", "Call notes", "markdown", "Call Linda on " + phone))).body().path("id").asText();
        assertThat(artifact).isNotBlank();
        String kb = api.post("/api/knowledge-bases", laptop.accessToken(), Map.of("name", "Linda's notes")).body().path("id").asText();
        String document = api.upload("/api/knowledge-bases/" + kb + "/documents", laptop.accessToken(), "notes.txt",
                ("Linda's phone is " + phone + ".").getBytes(StandardCharsets.UTF_8)).body().path("id").asText();

        // Browser 1: the code arrives by SMTP.
        assertThat(api.post("/api/auth/otp/request", laptop.accessToken(), Map.of("email", email, "purpose", "link_session")).status())
                .isEqualTo(202);
        String smtpCode = await().atMost(MAIL).until(() -> codeFromSmtp(email), Optional::isPresent).orElseThrow();
        Api.Response linkedLaptop = api.post("/api/auth/otp/verify", laptop.accessToken(),
                Map.of("email", email, "code", smtpCode, "purpose", "link_session"));
        assertThat(linkedLaptop.status()).isEqualTo(200);
        String personId = linkedLaptop.body().path("user_id").asText();
        String personToken = linkedLaptop.body().path("access_token").asText();
        assertThat(api.get("/api/threads", laptop.accessToken()).status()).as("the old anonymous token").isEqualTo(401);

        // Browser 2: notification-service now mails through SendGrid.
        try (FakeSendGrid sendGrid = new FakeSendGrid()) {
            suite.restartWith("notification-service", Map.of("EMAIL_TRANSPORT", "sendgrid", "SENDGRID_API_KEY", "SG.e2e-key",
                    "SENDGRID_BASE_URL", sendGrid.url()));
            Api.Session tablet = api.anonymousSession();
            String tabletThread = chat(tablet, "[[text:Sure.]] and my address is 12 Elm Street");
            api.post("/api/auth/otp/request", tablet.accessToken(), Map.of("email", email, "purpose", "link_session"));
            String sendGridCode = await().atMost(MAIL).until(() -> code(sendGrid.textsTo(email)), Optional::isPresent).orElseThrow();
            Api.Response linkedTablet = api.post("/api/auth/otp/verify", tablet.accessToken(),
                    Map.of("email", email, "code", sendGridCode, "purpose", "link_session"));
            assertThat(linkedTablet.body().path("user_id").asText()).isEqualTo(personId);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/threads", personToken).body()
                    .path("items")).extracting(t -> t.path("id").asText()).containsExactlyInAnyOrder(laptopThread, tabletThread));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api.get("/api/artifacts/" + artifact, personToken).status()).isEqualTo(200));
            List<String> identities = List.of(personId, laptop.userId(), tablet.userId());
            assertThat(rowsAbout(identities, List.of(email, phone))).as("before the erasure").isNotEmpty();

            // Erasure: no session needed, a delete_data code proves the address.
            api.post("/api/auth/otp/request", null, Map.of("email", email, "purpose", "delete_data"));
            int mailsBefore = sendGrid.textsTo(email).size();
            String erasureCode = await().atMost(MAIL).until(() -> sendGrid.textsTo(email).size() > mailsBefore
                    ? code(sendGrid.textsTo(email).subList(mailsBefore, sendGrid.textsTo(email).size())) : Optional.<String>empty(),
                    Optional::isPresent).orElseThrow();
            Api.Response erasure = api.post("/api/privacy/erasures", null, Map.of("email", email, "code", erasureCode));
            assertThat(erasure.status()).isEqualTo(202);
            String erasureId = erasure.body().path("id").asText();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode status = api.get("/api/privacy/erasures/" + erasureId, null).body();
                assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
            });
            assertThat(api.get("/api/privacy/erasures/" + erasureId, null).body().path("confirmed_by"))
                    .extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(RunningSuite.SERVICES);
            assertThat(rowsAbout(identities, List.of(email, phone, "12 Elm Street", document)))
                    .as("rows that still mention the person").isEmpty();
        } finally {
            suite.restartWith("notification-service", Map.of("EMAIL_TRANSPORT", "smtp"));
        }
    }

    private static String chat(Api.Session session, String content) {
        try (WsClient ws = WsClient.authenticated(suite, session.accessToken())) {
            ws.send(Map.of("type", "user_message", "content", content, "client_message_id", UUID.randomUUID().toString()));
            String thread = ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText();
            ws.awaitType("turn_completed", TURN);
            return thread;
        }
    }

    private static Optional<String> codeFromSmtp(String email) throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : suite.mail().getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(email))) {
                texts.add(plainText(message.getContent(), message));
            }
        }
        return code(texts);
    }

    private static String plainText(Object content, MimeMessage message) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return part.getContent().toString();
                }
                if (part.getContent() instanceof Multipart nested) {
                    String text = plainText(nested, message);
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
            }
            return "";
        }
        return content instanceof String text ? text : GreenMailUtil.getBody(message);
    }

    private static Optional<String> code(List<String> texts) {
        for (int i = texts.size() - 1; i >= 0; i--) {
            Matcher matcher = CODE.matcher(texts.get(i));
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * Every row, in every table of the six schemas, with a column whose text mentions one of
     * these values: what an auditor's full scan would find.
     */
    private static List<String> rowsAbout(List<String> ids, List<String> texts) throws Exception {
        List<String> found = new ArrayList<>();
        List<String> needles = new ArrayList<>(ids);
        needles.addAll(texts);
        try (Connection db = TestDatabase.admin()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement list = db.prepareStatement("""
                    SELECT table_schema, table_name, column_name FROM information_schema.columns
                    WHERE table_schema = ANY(?) AND data_type IN ('text', 'character varying', 'uuid', 'jsonb', 'json', 'ARRAY')
                      AND table_name NOT IN ('flyway_schema_history')""")) {
                list.setArray(1, db.createArrayOf("text", SCHEMAS.toArray()));
                try (ResultSet rs = list.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            for (String[] column : columns) {
                String sql = "SELECT count(*) FROM " + column[0] + "." + column[1] + " WHERE " + column[2]
                        + "::text ILIKE ANY(?)";
                try (PreparedStatement count = db.prepareStatement(sql)) {
                    count.setArray(1, db.createArrayOf("text", needles.stream().map(n -> "%" + n + "%").toArray()));
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0) {
                            found.add(String.join(".", column) + " (" + rs.getInt(1) + ")");
                        }
                    }
                }
            }
        }
        return found;
    }
}
