package dev.agenticchat.artifact.export;

import java.time.Duration;

/** Every PDF render slot is taken; answered 503 with Retry-After. */
class PdfBusy extends RuntimeException {
    private final Duration retryAfter;

    PdfBusy(Duration retryAfter) {
        super("every PDF renderer is busy; try again in " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
