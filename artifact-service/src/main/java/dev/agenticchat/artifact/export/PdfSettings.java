package dev.agenticchat.artifact.export;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code artifact.pdf.*} ({@code ARTIFACT_PDF_MAX_CONCURRENT}, {@code ARTIFACT_PDF_TIMEOUT}): the
 * bounds {@link PdfRenders} keeps PDF exports within.
 *
 * @param maxConcurrent renders that may run at once (at least 1); one more is refused with 503
 * @param timeout       how long a request waits for its render before it is abandoned
 */
@ConfigurationProperties("artifact.pdf")
record PdfSettings(@Bindable(defaultValue = "2") int maxConcurrent, @Bindable(defaultValue = "20s") Duration timeout) {
}
