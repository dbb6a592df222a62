package dev.agenticchat.notification.email;

import dev.agenticchat.support.paging.Page;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.paging.PageLimit;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.Locale;

/** What happened to the mails of one address, newest first: for operators answering "I got no code". */
@ProblemResponses
@Controller("/api/admin/email-events")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class EmailEventsController {
    private static final String LIST = "email-events";

    private final EmailEventRepository events;
    private final AdminAccess access;

    EmailEventsController(EmailEventRepository events, AdminAccess access) {
        this.events = events;
        this.access = access;
    }

    @Get
    Page<EmailEventView> list(@QueryValue String recipient, @Nullable @QueryValue String cursor,
                              @Nullable @QueryValue Integer limit, @Nullable Authentication authentication,
                              @Nullable @Header(AdminAccess.HEADER) String adminToken) {
        access.require(authentication, adminToken);
        int size = PageLimit.of(limit);
        return Page.of(LIST, events.byRecipient(recipient.trim().toLowerCase(Locale.ROOT), PageCursor.decode(LIST, cursor), size + 1),
                size, row -> new PageCursor(row.createdAt(), row.id()), row -> row);
    }
}
