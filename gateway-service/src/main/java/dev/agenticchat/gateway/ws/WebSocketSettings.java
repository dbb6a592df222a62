package dev.agenticchat.gateway.ws;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * {@code gateway.ws.*}: who may open a socket, how soon it must authenticate, and the
 * limits that keep one client from hurting the others. A limit of 0 is no limit (frame size and
 * subscriptions excepted: those always hold).
 *
 * @param maxFrameBytes    a larger message is answered with {@code frame_too_large}
 * @param maxPendingBytes  frames queued for a slow client beyond this (in UTF-8 bytes) drop its session
 * @param maxConnectionsPerAddress sockets one client address may hold open on one instance
 * @param maxConnectionsPerUser    sockets one user may hold authenticated on one instance
 * @param maxFramesPerSecond with {@code floodSeconds}: a client above this rate for that many
 *                           seconds in a row is disconnected (1008)
 */
@ConfigurationProperties("gateway.ws")
record WebSocketSettings(List<String> allowedOrigins, Duration authTimeout, int maxFramesPerSecond, int floodSeconds,
                         int maxFrameBytes, long maxPendingBytes, int maxSubscriptions, int maxConnectionsPerAddress,
                         int maxConnectionsPerUser) {
}
