package dev.agenticchat.agent.turn;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Buffers streamed text and hands it on at most once per interval, so a model streaming a
 * token every few milliseconds costs a few dozen events per second rather than hundreds.
 * Text arriving after a quiet interval goes out at once (no added latency for the first
 * token); text arriving sooner waits for the end of the interval. {@link #flush()} empties
 * the buffer before events that must follow the text (a tool call, the completion).
 * Every delta has the next {@code seq}; together the deltas spell what {@link #close()} returns.
 */
final class DeltaCoalescer {
    /** Receives each coalesced delta, in {@code seq} order. */
    @FunctionalInterface
    interface Sink {
        void publish(int seq, String delta);
    }

    private static final String PARAGRAPH = "\n\n";

    private final Sink sink;
    private final ScheduledExecutorService scheduler;
    private final long intervalNanos;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private int seq;
    private long lastPublishedNanos;
    private boolean publishedYet;
    private boolean paragraphBreak;
    private boolean closed;
    private ScheduledFuture<?> scheduled;

    DeltaCoalescer(Sink sink, ScheduledExecutorService scheduler, Duration interval) {
        this.sink = sink;
        this.scheduler = scheduler;
        this.intervalNanos = interval.toNanos();
    }

    synchronized void append(String delta) {
        if (closed || delta.isEmpty()) {
            return;
        }
        if (paragraphBreak && !text.isEmpty() && !Character.isWhitespace(text.charAt(text.length() - 1))) {
            // The text of a new model call (after a tool result) starts a new paragraph.
            delta = PARAGRAPH + delta;
        }
        paragraphBreak = false;
        pending.append(delta);
        text.append(delta);
        long wait = publishedYet ? intervalNanos - (System.nanoTime() - lastPublishedNanos) : 0;
        if (wait <= 0) {
            publishPending();
        } else if (scheduled == null) {
            scheduled = scheduler.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** The next text comes from another model call: separate it from what came before. */
    synchronized void newParagraph() {
        paragraphBreak = true;
    }

    synchronized void flush() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        publishPending();
    }

    /** Publishes what is buffered and ignores anything streamed later; returns the whole text. */
    synchronized String close() {
        flush();
        closed = true;
        return text.toString();
    }

    private void publishPending() {
        if (pending.isEmpty()) {
            return;
        }
        sink.publish(seq++, pending.toString());
        pending.setLength(0);
        lastPublishedNanos = System.nanoTime();
        publishedYet = true;
    }
}
