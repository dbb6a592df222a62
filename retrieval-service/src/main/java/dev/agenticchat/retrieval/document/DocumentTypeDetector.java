package dev.agenticchat.retrieval.document;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.tika.Tika;

/**
 * Decides the format from the bytes and the file name (Tika's magic numbers and globs), never
 * from the client's declared content type, which browsers often leave generic.
 */
@Singleton
public class DocumentTypeDetector {
    private final Tika tika = new Tika();

    public DocumentType detect(byte[] bytes, String filename) {
        String detected = tika.detect(bytes, filename);
        return DocumentType.ofDetected(detected).orElseThrow(() -> new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported document type", "file is " + detected + "; accepted types are " + DocumentType.ACCEPTED,
                List.of(new Problem.FieldError("file",
                        "unsupported type " + detected + "; accepted: " + DocumentType.ACCEPTED))));
    }
}
