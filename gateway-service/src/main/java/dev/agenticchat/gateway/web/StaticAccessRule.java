package dev.agenticchat.gateway.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The web app is public: its page (at {@code /} and at an agent's link {@code /a/<slug>}), the
 * admins' page ({@code /admin} and its sections), scripts, styles and libraries are read without
 * a token (the app then starts a session itself). Anything else is left to the other rules.
 */
@Singleton
class StaticAccessRule implements SecurityRule<HttpRequest<?>> {
    static final Set<String> PAGES = Set.of("/", "/index.html", "/favicon.ico");
    static final Set<String> FOLDERS = Set.of("/assets/", WebJarsController.PREFIX + "/");

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        return Mono.just(isPublic(request.getMethod(), request.getPath()) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    static boolean isPublic(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        return PAGES.contains(path) || AgentLinkController.isAgentLink(path) || AdminPageController.isAdminPage(path)
                || FOLDERS.stream().anyMatch(path::startsWith);
    }

    /** Before the intercept-url-map rule, which would refuse what it does not list. */
    @Override
    public int getOrder() {
        return -300;
    }
}
