package dev.agenticchat.support.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a free-form label value (an MCP tool's name, a tenant's agent slug) from multiplying time
 * series: the first {@code max} distinct values are kept as they are, every later one is
 * {@value #OTHER}. A series per value costs memory here and in Prometheus for as long as both run.
 */
public final class BoundedLabel {
    public static final String OTHER = "other";
    private static final int MAX_LENGTH = 64;

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BoundedLabel(int max) {
        this.max = max;
    }

    public String of(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        String label = value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
        if (seen.contains(label)) {
            return label;
        }
        synchronized (seen) {
            if (seen.size() < max) {
                seen.add(label);
                return label;
            }
        }
        return OTHER;
    }
}
