package dev.agenticchat.retrieval.ingestion;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * What reading one document may cost, so a hostile upload (a zip bomb, a PDF whose content
 * never ends, megabytes of one line) fails with a reason instead of taking the service's
 * memory or an ingestion worker: bytes inflated from a DOCX or from a PDF's streams, characters
 * of text, and the wall-clock time of extraction and chunking together.
 */
@ConfigurationProperties("retrieval.ingestion.limits")
record ExtractionLimits(@Bindable(defaultValue = "100MB") @ReadableBytes long maxDecompressedSize,
                        @Bindable(defaultValue = "5000000") int maxExtractedChars,
                        @Bindable(defaultValue = "60s") Duration timeout) {
}
