package dev.agenticchat.agent.messaging;

import dev.agenticchat.agent.turn.TurnSettings;
import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import dev.agenticchat.support.kafka.KeyOrderedEventConsumer;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes {@code chat.messages.v1} in the {@code agent-workers} group (tests point it at a
 * private topic and group, so other modules' test messages never reach them). The record key is
 * the thread id, so turns of one thread run in order and turns of different threads run
 * concurrently, up to {@code agent.turns.max-concurrent} at once: a turn mostly waits on
 * the model, so one worker holds hundreds of them.
 */
@Singleton
class ChatMessagesListener {
    private final EventConsumers consumers;
    private final MessagePostedHandler handler;
    private final int maxConcurrentTurns;
    private final String group;
    private final String topic;
    private ExecutorService workers;
    private KeyOrderedEventConsumer consumer;

    ChatMessagesListener(EventConsumers consumers, MessagePostedHandler handler, TurnSettings turns,
                         MessagesSettings messages) {
        this.consumers = consumers;
        this.handler = handler;
        this.maxConcurrentTurns = turns.getMaxConcurrent();
        this.group = messages.getGroup();
        this.topic = messages.getTopic();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(maxConcurrentTurns,
                runnable -> new Thread(runnable, "turn-worker-" + count.incrementAndGet()));
        consumer = consumers.startKeyOrdered(ConsumerSpec.durable(group, topic), handler::handle,
                workers, 2 * maxConcurrentTurns);
    }

    /**
     * Stops fetching and commits before interrupting running turns. An interrupted turn ends
     * with an InterruptedException (never as a failed turn), so its offset is never committed:
     * its row stays {@code running} and the redelivered message runs it again.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
        if (workers != null) {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
