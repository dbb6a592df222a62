package dev.agenticchat.chat.summary;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.UUID;

@ProblemResponses
@Controller("/api/threads/{id}/summary")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class SummaryController {
    private final SummaryService summaries;

    SummaryController(SummaryService summaries) {
        this.summaries = summaries;
    }

    @Get
    SummaryView latest(UUID id, Authentication authentication) {
        return summaries.latest(Caller.of(authentication), id);
    }
}
