package dev.agenticchat.notification.email;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Personalization;
import io.micronaut.context.annotation.Requires;
import io.micronaut.email.BodyType;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.TransactionalEmailSender;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;

/**
 * Sends through SendGrid's v3 mail API with sendgrid-java. Our own sender rather than
 * micronaut-email-sendgrid (not available here): it also reports whether a failure is worth
 * retrying, and honours {@code SENDGRID_BASE_URL} so tests can point it at a local fake.
 */
@Singleton
@Named(SendGridEmailSender.NAME)
@Requires(condition = EmailTransport.SendGridChosen.class)
class SendGridEmailSender implements TransactionalEmailSender<Request, Response> {
    static final String NAME = "sendgrid";
    private static final int MAX_RESPONSE = 500;

    private final CloseableHttpClient http;
    private final SendGrid sendGrid;

    SendGridEmailSender(SendGridSettings settings) {
        URI base = URI.create(settings.getBaseUrl());
        int timeout = (int) settings.getTimeout().toMillis();
        this.http = HttpClientBuilder.create()
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).build())
                .build();
        // Client's "test" flag means plain http: only ever for a local fake.
        this.sendGrid = new SendGrid(settings.getApiKey(), new Client(http, "http".equals(base.getScheme())));
        sendGrid.setHost(base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort());
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Response send(Email email, Consumer<Request> customizer) {
        Request request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        try {
            request.setBody(toMail(email).build());
        } catch (IOException e) {
            throw new DeliveryFailure(false, "mail could not be encoded: " + e.getMessage());
        }
        customizer.accept(request);
        Response response;
        try {
            response = sendGrid.api(request);
        } catch (IOException e) {
            throw new DeliveryFailure(true, "SendGrid unreachable: " + e);
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        throw new DeliveryFailure(status == 429 || status >= 500, status + " " + truncate(response.getBody()),
                retryAfter(response));
    }

    /** The Retry-After of a throttled answer, in seconds as SendGrid sends it; null when absent or a date. */
    private static Duration retryAfter(Response response) {
        if (response.getHeaders() == null) {
            return null;
        }
        return response.getHeaders().entrySet().stream()
                .filter(header -> "retry-after".equalsIgnoreCase(header.getKey()) && header.getValue() != null
                        && header.getValue().trim().matches("\\d{1,6}"))
                .map(header -> Duration.ofSeconds(Long.parseLong(header.getValue().trim())))
                .findFirst().orElse(null);
    }

    static Mail toMail(Email email) {
        Mail mail = new Mail();
        mail.setFrom(contact(email.getFrom()));
        mail.setSubject(email.getSubject());
        Personalization personalization = new Personalization();
        email.getTo().forEach(to -> personalization.addTo(contact(to)));
        mail.addPersonalization(personalization);
        // SendGrid wants text/plain before text/html.
        email.getBody().get(BodyType.TEXT).ifPresent(text -> mail.addContent(new Content("text/plain", text)));
        email.getBody().get(BodyType.HTML).ifPresent(html -> mail.addContent(new Content("text/html", html)));
        return mail;
    }

    private static com.sendgrid.helpers.mail.objects.Email contact(Contact contact) {
        return contact.getName() == null ? new com.sendgrid.helpers.mail.objects.Email(contact.getEmail())
                : new com.sendgrid.helpers.mail.objects.Email(contact.getEmail(), contact.getName());
    }

    private static String truncate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_RESPONSE ? body : body.substring(0, MAX_RESPONSE);
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }
}
