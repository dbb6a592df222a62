package dev.agenticchat.retrieval.ingestion;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.retrieval.document.DocumentType;
import dev.agenticchat.retrieval.document.DocumentTypeDetector;
import dev.agenticchat.retrieval.document.UploadLimits;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The text of one file, for other services of the suite (chat-service's attachments): the same
 * type detection, extractor, limits and clock as a knowledge-base upload, so the suite has one
 * copy of document reading. Nothing is stored. For the service credential only: a user's token is
 * refused (403) and the gateway routes no public path here. The body is the file itself; its
 * declared {@code Content-Type} is ignored like an upload's (the bytes and {@code X-File-Name} decide).
 */
@ProblemResponses
@Controller("/api/extractions")
@Secured(ServiceCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
class ExtractionController {
    static final String FILE_NAME_HEADER = "X-File-Name";

    private final DocumentTypeDetector detector;
    private final UploadLimits limits;
    private final DocumentReader reader;

    ExtractionController(DocumentTypeDetector detector, UploadLimits limits, DocumentReader reader) {
        this.detector = detector;
        this.limits = limits;
        this.reader = reader;
    }

    /** 200 with the text; 413 over the upload limit, 415 not a document type, 422 unreadable (the reason why). */
    @Post(consumes = MediaType.ALL)
    ExtractionView extract(@Body @Nullable byte[] body, @Header(FILE_NAME_HEADER) @Nullable String fileName) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("the body is empty; send the file's bytes", "file");
        }
        if (body.length > limits.maxUploadSize()) {
            throw limits.tooLarge();
        }
        DocumentType type = detector.detect(body, fileName == null ? "" : fileName);
        ExtractedText extracted;
        try {
            extracted = reader.extract(type, body);
        } catch (UnreadableDocumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unreadable document", e.getMessage(), List.of());
        }
        String text = extracted.text();
        return new ExtractionView(type.mediaType(), text, extracted.pages(), text.length());
    }

    /** {@code pages}: the PDF's page count, null (sent as such) for formats without pages. */
    @Serdeable
    record ExtractionView(String contentType, String text, @Nullable @JsonInclude(JsonInclude.Include.ALWAYS) Integer pages,
                          int chars) {
    }
}
