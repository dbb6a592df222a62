package dev.agenticchat.notification.webhook;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * In-flight deliveries per target host on this replica, at most {@code max} each, so one slow
 * or hanging host holds a few senders and never all of them.
 */
final class TargetSlots {
    private final int max;
    private final Map<String, Integer> inFlight = new HashMap<>();

    TargetSlots(int max) {
        this.max = max;
    }

    static String key(String url) {
        String host = URI.create(url).getHost();
        return host == null ? url : host.toLowerCase(Locale.ROOT);
    }

    synchronized boolean tryAcquire(String host) {
        int used = inFlight.getOrDefault(host, 0);
        if (used >= max) {
            return false;
        }
        inFlight.put(host, used + 1);
        return true;
    }

    synchronized void release(String host) {
        inFlight.computeIfPresent(host, (key, used) -> used <= 1 ? null : used - 1);
    }
}
