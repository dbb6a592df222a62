package dev.agenticchat.gateway.apidocs;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How long the merged document is kept ({@code GATEWAY_APIDOCS_CACHE}) and how long a service may take to hand over its own. */
@ConfigurationProperties("gateway.apidocs")
record ApiDocsSettings(Duration cacheFor, Duration fetchTimeout) {
}
