package dev.agenticchat.notification.email;

import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import dev.agenticchat.support.web.ApiProblem;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Operators' endpoints answer the service credential or {@code X-Admin-Token: $ADMIN_TOKEN};
 * with ADMIN_TOKEN unset only the service credential works. User tokens never do.
 */
@Singleton
class AdminAccess {
    static final String HEADER = "X-Admin-Token";

    private final byte[] adminToken;

    AdminAccess(AdminAccessSettings settings) {
        String adminToken = settings.adminToken();
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    void require(@Nullable Authentication authentication, @Nullable String presentedToken) {
        if (authentication != null && authentication.getRoles().contains(ServiceCredentials.ROLE)) {
            return;
        }
        if (adminToken != null && presentedToken != null
                && MessageDigest.isEqual(adminToken, presentedToken.getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (authentication == null && presentedToken == null) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", "operator credentials required", List.of());
        }
        throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "operators only", List.of());
    }
}
