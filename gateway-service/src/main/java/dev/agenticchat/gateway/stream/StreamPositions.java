package dev.agenticchat.gateway.stream;

/**
 * A thread's {@code seq} is the place of its events in the log they are replayed from: the
 * offset of the event's record on the thread's partition of {@code agent.events.v1}, doubled
 * (one event becomes at most two frames, the second numbered one more). So every gateway
 * instance numbers a frame alike without coordinating, a number survives any restart, and it
 * says where to read from. Numbers increase along a thread but are not contiguous (the partition
 * holds other threads too).
 */
public final class StreamPositions {
    private StreamPositions() {
    }

    public static long seqOf(long offset) {
        return offset * 2;
    }

    /** The offset of the event whose frames include this {@code seq}. */
    public static long offsetOf(long seq) {
        return seq / 2;
    }
}
