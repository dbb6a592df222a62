package dev.agenticchat.gateway.ws;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * {@code gateway.ws.*}: who may open a socket, how soon it must authenticate, and the
 * limits that keep one client from hurting the others.
 *
 * @param maxFrameBytes    a larger message is answered with {@code frame_too_large}
 * @param maxPendingBytes  frames queued for a slow client beyond this drop its session
 * @param maxFramesPerSecond with {@code floodSeconds}: a client above this rate for that many
 *                           seconds in a row is disconnected (1008)
 */
@ConfigurationProperties("gateway.ws")
record WebSocketSettings(List<String> allowedOrigins, Duration authTimeout, int maxFramesPerSecond, int floodSeconds,
                         int maxFrameBytes, long maxPendingBytes, int maxSubscriptions) {
}
