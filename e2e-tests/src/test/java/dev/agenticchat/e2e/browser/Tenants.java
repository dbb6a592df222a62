package dev.agenticchat.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.e2e.RunningSuite;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** New tenants for browser tests, and their admins: a person (an anonymous session linked to a mailed code) the operator named. */
final class Tenants {
    private static final Pattern MAILED_CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

    private final RunningSuite suite;
    private final SuiteHttp http;

    Tenants(RunningSuite suite, SuiteHttp http) {
        this.suite = suite;
        this.http = http;
    }

    /** A new tenant whose slug starts with the prefix. */
    String create(String prefix) {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        SuiteHttp.Response created = http.operator("/api/admin/tenants", Map.of("slug", tenant, "name", "Acme"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return tenant;
    }

    /** The tokens of a new admin of the tenant, as the web app stores them, carrying the tenant_admin role. */
    JsonNode admin(String tenant) {
        String email = "admin-" + UUID.randomUUID() + "@acme.example";
        String anonymous = http.anonymousSession(tenant).path("access_token").asText();
        SuiteHttp.Response requested = http.post("/api/auth/otp/request", anonymous, Map.of("email", email, "purpose", "link_session"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        String code = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> codeMailedTo(email), Optional::isPresent).orElseThrow();
        SuiteHttp.Response linked = http.post("/api/auth/otp/verify", anonymous, Map.of("email", email, "code", code, "purpose", "link_session"));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        SuiteHttp.Response named = http.operator("/api/admin/tenants/" + tenant + "/admins", Map.of("email", email));
        assertThat(named.status()).as(named.toString()).isEqualTo(201);
        return http.refresh(linked.body());
    }

    private Optional<String> codeMailedTo(String email) {
        try {
            MimeMessage[] messages = suite.mail().getReceivedMessages();
            for (int i = messages.length - 1; i >= 0; i--) {
                if (Arrays.stream(messages[i].getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().contains(email))) {
                    Matcher code = MAILED_CODE.matcher(plainText(messages[i].getContent()));
                    if (code.find()) {
                        return Optional.of(code.group(1));
                    }
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the mail to " + email, e);
        }
    }

    private static String plainText(Object content) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String text = part.isMimeType("text/plain") ? part.getContent().toString()
                        : part.getContent() instanceof Multipart nested ? plainText(nested) : "";
                if (!text.isEmpty()) {
                    return text;
                }
            }
            return "";
        }
        return content instanceof String text ? text : "";
    }
}
