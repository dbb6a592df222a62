package dev.agenticchat.artifact.export;

import java.time.Duration;

/** A PDF render ran past its time limit and was abandoned; answered 422. */
class PdfTooSlow extends RuntimeException {
    PdfTooSlow(Duration limit) {
        super("the PDF took longer than " + seconds(limit) + " to render; export this version as html or json instead,"
                + " or make it smaller");
    }

    private static String seconds(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
