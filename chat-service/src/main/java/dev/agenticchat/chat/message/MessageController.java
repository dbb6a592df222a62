package dev.agenticchat.chat.message;

import dev.agenticchat.chat.paging.PageView;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;

/**
 * Thread history, and the entry point of user messages: the gateway forwards the WebSocket's with
 * the user's token to {@code POST /api/messages}; HTTP clients post to a thread of theirs.
 */
@ProblemResponses
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class MessageController {
    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    /** Oldest first. */
    @Get("/threads/{threadId}/messages")
    PageView<MessageView> history(UUID threadId, @QueryValue @Nullable String cursor,
                                  @QueryValue(defaultValue = PageView.DEFAULT_LIMIT) @Min(1) @Max(PageView.MAX_LIMIT) int limit,
                                  Authentication authentication) {
        return messages.history(Caller.of(authentication), threadId, cursor, limit);
    }

    /** 201 when stored now; 200 with {@code duplicate: true} for a resend of a stored message. */
    @Post("/messages")
    HttpResponse<PostedMessage> post(@Body @Valid PostMessageRequest request, Authentication authentication) {
        PostedMessage posted = messages.post(Caller.of(authentication), request);
        return posted.duplicate() ? HttpResponse.ok(posted) : HttpResponse.created(posted);
    }

    /** The same for the thread of the path: 404 when it is not the caller's. */
    @Post("/threads/{threadId}/messages")
    HttpResponse<PostedMessage> postToThread(UUID threadId, @Body @Valid ThreadMessageRequest request,
                                             Authentication authentication) {
        return post(request.on(threadId), authentication);
    }
}
