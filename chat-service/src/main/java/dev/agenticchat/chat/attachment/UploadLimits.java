package dev.agenticchat.chat.attachment;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * {@code chat.attachments.max-bytes} drives the server's limits: a multipart file may be that
 * large, a request that large plus room for the multipart framing. Every other request is JSON
 * far below it (a message is at most 32000 characters).
 */
@Singleton
class UploadLimits implements BeanCreatedEventListener<HttpServerConfiguration> {
    static final long MULTIPART_FRAMING = 64 * 1024;

    private final AttachmentSettings settings;

    UploadLimits(AttachmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        configuration.setMaxRequestSize(settings.maxBytes() + MULTIPART_FRAMING);
        configuration.getMultipart().setMaxFileSize(settings.maxBytes());
        return configuration;
    }
}
