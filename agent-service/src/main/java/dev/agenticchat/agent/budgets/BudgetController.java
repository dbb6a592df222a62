package dev.agenticchat.agent.budgets;

import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.List;

/** The tenant's budgets (the gateway routes {@code /api/budgets} here): tenant admins manage them, everyone reads their own. */
@ProblemResponses
@Controller("/api/budgets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class BudgetController {
    private final BudgetService budgets;

    BudgetController(BudgetService budgets) {
        this.budgets = budgets;
    }

    /** Oldest first, each with its spending in the current period. */
    @Get
    Items<BudgetView.Full> list(Authentication authentication) {
        return new Items<>(budgets.list(Caller.of(authentication)).stream().map(BudgetView.Full::of).toList());
    }

    /** The budgets that hold the caller as a user, with their own spending. */
    @Get("/mine")
    Items<BudgetView.Own> mine(Authentication authentication) {
        return new Items<>(budgets.mine(Caller.of(authentication)).stream().map(BudgetView.Own::of).toList());
    }

    @Post
    HttpResponse<BudgetView.Full> create(@Body BudgetFields fields, Authentication authentication) {
        BudgetView.Full created = BudgetView.Full.of(budgets.create(Caller.of(authentication), fields));
        return HttpResponse.created(created, URI.create("/api/budgets/" + created.id()));
    }

    /** A new limit; nothing else of a budget changes. */
    @Patch("/{id}")
    BudgetView.Full update(String id, @Body BudgetFields change, Authentication authentication) {
        return BudgetView.Full.of(budgets.update(Caller.of(authentication), id, change));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String id, Authentication authentication) {
        budgets.delete(Caller.of(authentication), id);
    }

    @Serdeable
    record Items<T>(List<T> items) {
    }
}
