package dev.agenticchat.gateway.stream;

import dev.agenticchat.gateway.ws.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One reader of one thread. While its replay runs, live frames wait in a buffer; afterwards
 * every frame with a {@code seq} at or below the last one delivered is dropped, which is what
 * makes the hand-over from the replayed log to the live stream lose and double nothing.
 */
final class Subscription implements ThreadSubscription {
    private record Pending(ServerFrame frame, String json) {
    }

    private final String threadId;
    private final ThreadReader reader;
    private final Consumer<Subscription> onClose;
    private final List<Pending> buffer = new ArrayList<>();
    private boolean replaying = true;
    private long lastSeq;
    private volatile boolean closed;

    Subscription(String threadId, ThreadReader reader, long afterSeq, Consumer<Subscription> onClose) {
        this.threadId = threadId;
        this.reader = reader;
        this.lastSeq = afterSeq;
        this.onClose = onClose;
    }

    @Override
    public String threadId() {
        return threadId;
    }

    ThreadReader reader() {
        return reader;
    }

    boolean closed() {
        return closed;
    }

    /** A frame from the live fan-out. */
    synchronized void live(ServerFrame frame, String json) {
        if (closed) {
            return;
        }
        if (replaying) {
            buffer.add(new Pending(frame, json));
        } else {
            emit(frame, json);
        }
    }

    /** A frame read back from the log. */
    synchronized void replayed(ServerFrame frame, String json) {
        if (!closed) {
            emit(frame, json);
        }
    }

    /** The replay reached the log's end: what arrived live meanwhile follows, then the live stream itself. */
    synchronized void replayDone() {
        replaying = false;
        for (Pending pending : buffer) {
            if (closed) {
                break;
            }
            emit(pending.frame(), pending.json());
        }
        buffer.clear();
    }

    private void emit(ServerFrame frame, String json) {
        Long seq = frame.seq();
        if (seq != null) {
            if (seq <= lastSeq) {
                return;
            }
            lastSeq = seq;
        }
        reader.deliver(frame, json);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
