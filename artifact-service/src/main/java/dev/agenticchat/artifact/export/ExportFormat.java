package dev.agenticchat.artifact.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats an artifact can be downloaded in: the file extension is also the {@code format} parameter. */
enum ExportFormat {
    JSON("application/json"),
    CSV("text/csv; charset=utf-8; header=present"),
    MD("text/markdown; charset=utf-8"),
    HTML("text/html; charset=utf-8"),
    PDF("application/pdf");

    private final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ExportFormat> of(String name) {
        return Arrays.stream(values()).filter(format -> format.extension().equals(name)).findFirst();
    }
}
