package dev.agenticchat.chat.attachment;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Uploads to attach to a message, their metadata, bytes and extracted text, and their deletion.
 * The bytes are served as a download that a browser never renders as a page of this origin
 * ({@code nosniff}, a sandboxing CSP; only images inline).
 */
@ProblemResponses
@Controller("/api/attachments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AttachmentController {
    private final AttachmentService attachments;

    AttachmentController(AttachmentService attachments) {
        this.attachments = attachments;
    }

    /** 201 with the unattached attachment; its {@code content_type} is the one detected from the bytes. */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<AttachmentView> upload(@Part("file") @Nullable CompletedFileUpload file, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (file == null) {
            throw ApiProblem.badRequest("file is required (multipart field \"file\")", AttachmentProblems.FIELD);
        }
        AttachmentView view = attachments.upload(caller, filename(file.getFilename()), bytes(file));
        return HttpResponse.created(view, URI.create("/api/attachments/" + view.id()));
    }

    @Get("/{id}")
    AttachmentView get(UUID id, Authentication authentication) {
        return attachments.get(Caller.of(authentication), id);
    }

    @Get("/{id}/content")
    HttpResponse<StreamedFile> content(UUID id, Authentication authentication) {
        AttachmentService.Content content = attachments.content(Caller.of(authentication), id);
        Attachment attachment = content.attachment();
        String disposition = (attachment.isImage() ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(attachment.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return HttpResponse.ok(new StreamedFile(content.bytes(), MediaType.of(attachment.contentType())))
                .contentType(attachment.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    /** 409 for an image. */
    @Get("/{id}/text")
    AttachmentText text(UUID id, Authentication authentication) {
        return attachments.text(Caller.of(authentication), id);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(UUID id, Authentication authentication) {
        attachments.delete(Caller.of(authentication), id);
    }

    private static byte[] bytes(CompletedFileUpload file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last path segment, without control characters, at most 255 characters; never empty. */
    static String filename(@Nullable String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (base.length() > 255) {
            base = base.substring(base.length() - 255);
        }
        return base.isEmpty() ? "attachment" : base;
    }
}
