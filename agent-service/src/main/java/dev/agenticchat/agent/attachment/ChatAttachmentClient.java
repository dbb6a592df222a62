package dev.agenticchat.agent.attachment;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * chat-service's attachments ({@code GET /api/attachments/{id}/text} and {@code /content}), read on
 * behalf of the message's user with the service credential, so chat-service applies the same
 * rule as for the user (their own attachments only). An attachment the user cannot see (deleted
 * meanwhile) is empty; any other failure an {@link AttachmentUnavailableException}.
 */
@Singleton
class ChatAttachmentClient {
    private final HttpClient http;
    private final ServiceCredentials credentials;

    ChatAttachmentClient(@Client(id = "chat-service") HttpClient http, ServiceCredentials credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    /** The text chat-service extracted from a document when it was uploaded. */
    Optional<ExtractedText> textOf(String attachmentId, String tenantId, String userId) throws AttachmentUnavailableException, InterruptedException {
        HttpRequest<?> request = onBehalf(HttpRequest.GET(path(attachmentId, "text")).accept(MediaType.APPLICATION_JSON_TYPE),
                tenantId, userId);
        return exchange(request, ExtractedText.class).map(HttpResponse::body);
    }

    /** The attachment's bytes and their media type. */
    Optional<Content> contentOf(String attachmentId, String tenantId, String userId) throws AttachmentUnavailableException, InterruptedException {
        HttpRequest<?> request = onBehalf(HttpRequest.GET(path(attachmentId, "content")), tenantId, userId);
        return exchange(request, byte[].class).map(response -> new Content(response.body(),
                response.getContentType().map(MediaType::toString).orElse(MediaType.APPLICATION_OCTET_STREAM)));
    }

    private static String path(String attachmentId, String part) {
        return UriBuilder.of("/api/attachments").path(attachmentId).path(part).build().toString();
    }

    private HttpRequest<?> onBehalf(io.micronaut.http.MutableHttpRequest<?> request, String tenantId, String userId) {
        return request.header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, tenantId)
                .header(ServiceCredentials.USER_HEADER, userId);
    }

    private <T> Optional<HttpResponse<T>> exchange(HttpRequest<?> request, Class<T> type) throws AttachmentUnavailableException, InterruptedException {
        try {
            HttpResponse<T> response = http.toBlocking().exchange(request, type);
            if (response.body() == null) {
                throw new AttachmentUnavailableException("chat-service answered without a body");
            }
            return Optional.of(response);
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() == 404) {
                return Optional.empty();
            }
            throw new AttachmentUnavailableException("chat-service answered HTTP " + e.getStatus().getCode());
        } catch (RuntimeException e) {
            Interruptions.propagate(e);
            if (e instanceof ReadTimeoutException) {
                throw new AttachmentUnavailableException("chat-service did not answer in time");
            }
            if (e instanceof HttpClientException) {
                throw new AttachmentUnavailableException("chat-service is unreachable");
            }
            throw e;
        }
    }

    /** A document's text; {@code truncated} when chat-service kept only its beginning. */
    @Serdeable
    record ExtractedText(String text, boolean truncated) {
    }

    record Content(byte[] bytes, String mediaType) {
    }
}
