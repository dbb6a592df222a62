package dev.agenticchat.agent.usage;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Instant;

/**
 * Model usage (the gateway routes {@code /api/usage} here): tenant admins see their tenant's,
 * everyone else their own ({@link UsageService}).
 */
@ProblemResponses
@Controller("/api/usage")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class UsageController {
    private final UsageService usage;

    UsageController(UsageService usage) {
        this.usage = usage;
    }

    @Get
    UsageReport usage(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                      @QueryValue("group_by") @Nullable String groupBy, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return usage.report(caller, UsageQuery.parse(from, to, groupBy, Instant.now()));
    }
}
