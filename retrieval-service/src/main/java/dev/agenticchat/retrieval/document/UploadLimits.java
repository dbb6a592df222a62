package dev.agenticchat.retrieval.document;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * One setting, {@code RETRIEVAL_MAX_UPLOAD_SIZE}, drives the server's limits: a multipart file
 * may be that large, and a request that large plus room for the multipart framing.
 */
@Singleton
public class UploadLimits implements BeanCreatedEventListener<HttpServerConfiguration> {
    private static final long MULTIPART_FRAMING = 64 * 1024;

    private final long maxUploadSize;

    UploadLimits(UploadSettings settings) {
        this.maxUploadSize = settings.maxUploadSize();
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        configuration.setMaxRequestSize(maxUploadSize + MULTIPART_FRAMING);
        configuration.getMultipart().setMaxFileSize(maxUploadSize);
        return configuration;
    }

    public long maxUploadSize() {
        return maxUploadSize;
    }

    public ApiProblem tooLarge() {
        String detail = "file is larger than the upload limit of " + describe(maxUploadSize);
        return new ApiProblem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Upload too large", detail,
                List.of(new Problem.FieldError("file", detail)));
    }

    private static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
