package dev.agenticchat.retrieval.ingestion;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * One document's share of {@link ExtractionLimits}, spent as the parsers inflate and write:
 * the check runs inside their loops, so a limit stops the work where it is instead of after it.
 * Not thread-safe; one extraction uses it.
 */
final class ExtractionBudget {
    private final ExtractionLimits limits;
    private final long deadlineNanos;
    private long inflated;

    ExtractionBudget(ExtractionLimits limits) {
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.timeout().toNanos();
    }

    void inflated(long bytes) {
        inflated += bytes;
        if (inflated > limits.maxDecompressedSize()) {
            throw new LimitExceeded("The document expands to more than " + size(limits.maxDecompressedSize())
                    + " when unpacked, more than a document may.");
        }
        checkTime();
    }

    void characters(long count) {
        if (count > limits.maxExtractedChars()) {
            throw new LimitExceeded("The document has more than " + NumberFormat.getIntegerInstance(Locale.ROOT)
                    .format(limits.maxExtractedChars()) + " characters of text, more than a document may.");
        }
        checkTime();
    }

    /** Also ends the work of a reader whose caller has given up on it (interrupted). */
    void checkTime() {
        if (System.nanoTime() > deadlineNanos || Thread.currentThread().isInterrupted()) {
            throw tooSlow(limits);
        }
    }

    static LimitExceeded tooSlow(ExtractionLimits limits) {
        return new LimitExceeded("Reading the document took longer than " + seconds(limits) + ", longer than a document may.");
    }

    private static String seconds(ExtractionLimits limits) {
        long millis = limits.timeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String size(long bytes) {
        long mb = 1024 * 1024;
        return bytes >= mb ? bytes / mb + " MB" : bytes / 1024 + " KB";
    }

    /** Unchecked so that it passes through the parsers' own catch blocks; the message is for people. */
    static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
