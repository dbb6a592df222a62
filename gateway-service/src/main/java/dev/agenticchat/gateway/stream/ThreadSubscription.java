package dev.agenticchat.gateway.stream;

/** A reader's hold on a thread's stream; closing it stops delivery at once. */
public interface ThreadSubscription extends AutoCloseable {
    String threadId();

    @Override
    void close();
}
