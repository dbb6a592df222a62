package dev.agenticchat.chat.attachment;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * retrieval-service's {@code POST /api/extractions}, with the service credential on the uploader's
 * behalf: the suite reads documents in one place, with one set of limits, and chat-service keeps
 * no second copy of the parsers. Its refusals become this upload's (415, 422, 413); no answer is a
 * 503 and nothing is stored.
 */
@Singleton
class ExtractionClient {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractionClient.class);
    static final String FILE_NAME_HEADER = "X-File-Name";

    private final HttpClient retrieval;
    private final ServiceCredentials credentials;

    ExtractionClient(@Client(id = "retrieval-extractions") HttpClient retrieval, ServiceCredentials credentials) {
        this.retrieval = retrieval;
        this.credentials = credentials;
    }

    /** What retrieval answered: the detected type and the whole text ({@code pages} for a PDF). */
    @Serdeable
    record Extraction(String contentType, String text, @Nullable Integer pages, int chars) {
    }

    Extraction extract(Caller uploader, byte[] bytes, String fileName) {
        HttpRequest<byte[]> request = HttpRequest.POST("/api/extractions", bytes)
                .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(FILE_NAME_HEADER, asciiHeader(fileName))
                .header(ServiceCredentials.TOKEN_HEADER, credentials.getToken())
                .header(ServiceCredentials.TENANT_HEADER, uploader.tenantId())
                .header(ServiceCredentials.USER_HEADER, uploader.userId());
        try {
            return retrieval.toBlocking().retrieve(request, Extraction.class);
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            String detail = e.getResponse().getBody(Problem.class).map(Problem::detail).orElse(null);
            if (status == HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode()) {
                throw AttachmentProblems.unsupported();
            }
            if (status == HttpStatus.UNPROCESSABLE_ENTITY.getCode() && detail != null) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unreadable document", detail,
                        List.of(new Problem.FieldError(AttachmentProblems.FIELD, detail)));
            }
            if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
                throw new ApiProblem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Upload too large",
                        detail == null ? "the document is larger than can be read" : detail,
                        List.of(new Problem.FieldError(AttachmentProblems.FIELD, detail == null ? "too large" : detail)));
            }
            LOG.warn("retrieval-service answered HTTP {} to an extraction", status);
            throw unavailable();
        } catch (HttpClientException e) {
            LOG.warn("retrieval-service unreachable for an extraction: {}", e.getMessage());
            throw unavailable();
        }
    }

    /** A header value carries ASCII only: the name's other characters become {@code _} (it only helps detection). */
    private static String asciiHeader(String name) {
        return name.replaceAll("[^\\x20-\\x7e]", "_");
    }

    private static ApiProblem unavailable() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Documents cannot be read now",
                "retrieval-service, which reads documents, is unavailable; nothing was stored, try again shortly", List.of());
    }
}
