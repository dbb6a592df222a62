package dev.agenticchat.gateway.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gateway.stream.*}: the topic a thread's turns are replayed from (tests point it at a
 * private topic), how much of it one replay may read before the client is told to load the
 * stored messages instead ({@code GATEWAY_REPLAY_MAX_RECORDS}), how long it may take, and how
 * many replays run at once per instance (the rest wait their turn), and how often an idle SSE
 * stream sends a heartbeat comment (proxies close silent connections).
 */
@ConfigurationProperties("gateway.stream")
public record StreamSettings(@Bindable(defaultValue = "agent.events.v1") String topic,
                      @Bindable(defaultValue = "50000") long maxReplayRecords,
                      @Bindable(defaultValue = "10s") Duration replayTimeout,
                      @Bindable(defaultValue = "4") int replayThreads,
                      @Bindable(defaultValue = "15s") Duration heartbeat) {
}
