package dev.agenticchat.gateway.fanout;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/** {@code gateway.fanout.topics}: the event topics pushed to sockets (tests point them at private topics). */
@ConfigurationProperties("gateway.fanout")
record FanOutSettings(List<String> topics) {
}
