package dev.agenticchat.chat.feedback;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The owner's thumbs up or down on the answers of a thread of theirs (ChatKit's {@code items.feedback}). */
@ProblemResponses
@Controller("/api/threads/{threadId}/feedback")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedbackController {
    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** Rates each named assistant message of the thread; 404 when the thread or one of them is not the caller's. */
    @Put
    @Status(HttpStatus.NO_CONTENT)
    void rate(UUID threadId, @Body @Valid RateRequest request, Authentication authentication) {
        feedback.rate(Caller.of(authentication), threadId, request.messageIds(), request.kind());
    }

    /** The ratings on the thread's messages. */
    @Get
    List<FeedbackView> list(UUID threadId, Authentication authentication) {
        return feedback.list(Caller.of(authentication), threadId);
    }

    @Serdeable
    record RateRequest(@NotNull @NotEmpty @Size(max = 100) List<@NotNull UUID> messageIds,
                       @NotNull @Pattern(regexp = "positive|negative", message = "must be positive or negative") String kind) {
    }
}
