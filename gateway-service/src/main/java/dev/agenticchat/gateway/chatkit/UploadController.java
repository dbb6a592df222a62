package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.gateway.ws.ChatServiceClient;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /chatkit/attachments}: ChatKit's direct upload ({@code uploadStrategy: {type: "direct",
 * uploadUrl}}): the multipart field {@code file} goes to chat-service as the caller's upload, and the
 * answer is the ChatKit attachment whose id the front end then sends in {@code input.attachments}.
 * chat-service checks the type and size (its refusals come back in ChatKit's error shape).
 */
@ProblemResponses
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class UploadController {
    private final Callers callers;
    private final ChatServiceClient chat;

    UploadController(Callers callers, ChatServiceClient chat) {
        this.callers = callers;
        this.chat = chat;
    }

    @Post(uri = "/chatkit/attachments", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<MutableHttpResponse<?>> upload(@Part("file") @Nullable CompletedFileUpload file, HttpRequest<?> request) {
        try {
            Callers.Caller caller = callers.of(request);
            if (file == null) {
                throw Refusal.badRequest("file is required (multipart field \"file\")");
            }
            MediaType type = file.getContentType().orElse(MediaType.APPLICATION_OCTET_STREAM_TYPE);
            return chat.upload(caller.token(), file.getFilename(), type, bytes(file)).<MutableHttpResponse<?>>thenApply(reply -> {
                if (!(reply instanceof ChatServiceClient.Reply.Ok<java.util.Map<String, Object>> ok) || ok.body() == null) {
                    throw Refusal.of(reply, "attachment");
                }
                return HttpResponse.ok(new Wire.Attachment(Items.text(ok.body(), "id"), Items.text(ok.body(), "name"),
                        Items.text(ok.body(), "content_type"), null));
            }).exceptionally(ChatKitController::refused);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ChatKitController.refused(e));
        }
    }

    private static byte[] bytes(CompletedFileUpload file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
