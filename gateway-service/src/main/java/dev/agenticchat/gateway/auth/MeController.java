package dev.agenticchat.gateway.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.web.ProblemResponses;
import java.util.List;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;
import java.util.UUID;

/** Who the token belongs to. */
@ProblemResponses
@Controller("/api/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class MeController {
    private final UserRepository users;

    MeController(UserRepository users) {
        this.users = users;
    }

    @Get
    MeView me(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return uuid(caller.userId()).flatMap(userId -> uuid(caller.tenantId())
                        .flatMap(tenantId -> users.findByIdAndTenantId(userId, tenantId)))
                .map(user -> MeView.of(user, caller))
                .orElseThrow(() -> ApiProblem.notFound("user"));
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MeView(UUID userId, UUID tenantId, String kind, @Nullable String email, List<String> roles) {
        static MeView of(User user, Caller caller) {
            return new MeView(user.id(), user.tenantId(), user.kind(), user.email(),
                    caller.roles().stream().sorted().map(Role::claim).toList());
        }
    }
}
