package dev.agenticchat.support.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code GET /prometheus} in the Prometheus text format, on the management port alone
 * ({@code MANAGEMENT_PORT}): the server listens there for this route only, and the public port
 * has no such route, so nothing the gateway lets through reaches it. It needs no token: the
 * port is reachable from inside the cluster only, and NetworkPolicies say from where.
 */
@Controller(value = "/prometheus", port = "${agentic.metrics.port}")
@Requires(beans = PrometheusMeterRegistry.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class PrometheusScrape {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    PrometheusScrape(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(produces = CONTENT_TYPE)
    String scrape() {
        return registry.scrape();
    }
}
