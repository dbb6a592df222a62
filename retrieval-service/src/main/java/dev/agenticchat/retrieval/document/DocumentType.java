package dev.agenticchat.retrieval.document;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The formats a knowledge base accepts, by the media type stored as the document's {@code content_type}. */
public enum DocumentType {
    TXT("text/plain", Set.of("text/plain")),
    MARKDOWN("text/markdown", Set.of("text/markdown", "text/x-web-markdown")),
    HTML("text/html", Set.of("text/html", "application/xhtml+xml")),
    JSON("application/json", Set.of("application/json")),
    CSV("text/csv", Set.of("text/csv")),
    PDF("application/pdf", Set.of("application/pdf")),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));

    public static final String ACCEPTED = "txt, md, html, json, csv, pdf, docx";

    private final String mediaType;
    private final Set<String> detectedAs;

    DocumentType(String mediaType, Set<String> detectedAs) {
        this.mediaType = mediaType;
        this.detectedAs = detectedAs;
    }

    public String mediaType() {
        return mediaType;
    }

    /** From a media type Tika detected (parameters such as charset ignored). */
    public static Optional<DocumentType> ofDetected(String detected) {
        String bare = detected.split(";", 2)[0].trim().toLowerCase();
        return Arrays.stream(values()).filter(type -> type.detectedAs.contains(bare)).findFirst();
    }

    /** From the stored {@code content_type}. */
    public static DocumentType ofStored(String mediaType) {
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(mediaType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a stored document type: " + mediaType));
    }
}
