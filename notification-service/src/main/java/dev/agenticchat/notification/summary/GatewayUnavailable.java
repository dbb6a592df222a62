package dev.agenticchat.notification.summary;

import java.net.ConnectException;

/**
 * The gateway could not answer: unreachable, timed out, throttling, failing (5xx) or refusing
 * the service credential. A {@link ConnectException}, so the consumer treats it like any other
 * dependency outage and retries the summary until the gateway is back, instead of parking it on
 * the dead-letter topic after a few tries.
 */
class GatewayUnavailable extends ConnectException {
    GatewayUnavailable(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }

    GatewayUnavailable(String message) {
        super(message);
    }
}
