package dev.agenticchat.gateway.housekeeping;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code gateway.housekeeping.*}: how long an unused anonymous session is kept, how long a refresh
 * token outlives its expiry, and how many rows one transaction of a run touches. The interval
 * between runs is read by the jobs' {@code @Scheduled}.
 */
@ConfigurationProperties("gateway.housekeeping")
record HousekeepingSettings(Duration anonymousRetention, Duration refreshTokenGrace, int batchSize) {
}
