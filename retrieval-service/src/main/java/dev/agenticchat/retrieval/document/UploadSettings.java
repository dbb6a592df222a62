package dev.agenticchat.retrieval.document;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * {@code retrieval.max-upload-size} ({@code RETRIEVAL_MAX_UPLOAD_SIZE}): the largest file one upload
 * may carry; {@link UploadLimits} sets the server's limits from it.
 */
@ConfigurationProperties("retrieval")
record UploadSettings(@Bindable(defaultValue = "20MB") @ReadableBytes long maxUploadSize) {
}
