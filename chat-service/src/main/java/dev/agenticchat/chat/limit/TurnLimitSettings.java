package dev.agenticchat.chat.limit;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code chat.limits.*}: how many turns a user and a tenant may start (0: no limit).
 *
 * @param runningTurnsPerUser turns started and not yet ended (queued ones included)
 * @param runningTurnExpiry   a turn still not ended after this long stops counting as running
 *                            (its end event was lost; the agent gives up on a turn well before)
 */
@ConfigurationProperties("chat.limits")
public record TurnLimitSettings(int turnsPerUserPerMinute, int turnsPerTenantPerMinute, int runningTurnsPerUser,
                                Duration runningTurnExpiry) {
}
