package dev.agenticchat.chat.thread;

import dev.agenticchat.chat.paging.PageView;
import dev.agenticchat.support.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;

/** The caller's conversations. */
@Controller("/api/threads")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ThreadController {
    /** Postgres TEXT cannot hold U+0000: refuse it as bad input instead of failing on insert. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL_MESSAGE = "must not contain NUL characters (U+0000)";

    private final ThreadService threads;

    ThreadController(ThreadService threads) {
        this.threads = threads;
    }

    @Post
    HttpResponse<ThreadView> create(@Body @Nullable @Valid CreateThreadRequest request, Authentication authentication) {
        ThreadView thread = threads.create(Caller.of(authentication), request == null ? null : request.title(), ThreadService.now());
        return HttpResponse.created(thread, URI.create("/api/threads/" + thread.id()));
    }

    /** Most recently active first. */
    @Get
    PageView<ThreadView> list(@QueryValue @Nullable String cursor,
                              @QueryValue(defaultValue = PageView.DEFAULT_LIMIT) @Min(1) @Max(PageView.MAX_LIMIT) int limit,
                              Authentication authentication) {
        return threads.list(Caller.of(authentication), cursor, limit);
    }

    @Get("/{id}")
    ThreadView get(UUID id, Authentication authentication) {
        return threads.get(Caller.of(authentication), id);
    }

    @Patch("/{id}")
    ThreadView rename(UUID id, @Body @Valid RenameThreadRequest request, Authentication authentication) {
        return threads.rename(Caller.of(authentication), id, request.title());
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(UUID id, Authentication authentication) {
        threads.delete(Caller.of(authentication), id);
    }

    /** No title (or a blank one): "New conversation". */
    @Serdeable
    record CreateThreadRequest(@Nullable @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title) {
    }

    @Serdeable
    record RenameThreadRequest(@NotBlank @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title) {
    }
}
