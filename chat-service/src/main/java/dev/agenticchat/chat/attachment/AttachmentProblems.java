package dev.agenticchat.chat.attachment;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpStatus;
import java.util.List;

/** The refusals of an upload, each naming the multipart field {@code file}. */
final class AttachmentProblems {
    static final String FIELD = "file";
    static final String ACCEPTED = "documents (pdf, docx, html, txt, md, json, csv) and images (" + ImageTypes.ACCEPTED + ")";

    private AttachmentProblems() {
    }

    static ApiProblem unsupported() {
        String detail = "this type of file cannot be attached; accepted are " + ACCEPTED;
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported attachment type", detail,
                List.of(new Problem.FieldError(FIELD, "accepted: " + ACCEPTED)));
    }

    static ApiProblem tooLarge(String what, long limit) {
        String detail = what + " is larger than the limit of " + describe(limit);
        return new ApiProblem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Attachment too large", detail,
                List.of(new Problem.FieldError(FIELD, detail)));
    }

    static String describe(long bytes) {
        long mib = 1024 * 1024;
        if (bytes % mib == 0) {
            return bytes / mib + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
