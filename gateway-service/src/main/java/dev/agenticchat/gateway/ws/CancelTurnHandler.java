package dev.agenticchat.gateway.ws;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.CancelTurn;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.kafka.EventPublisher;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cancel_turn}: once chat-service says the user may see the thread, a CancelTurn
 * command goes to the agents; nothing is sent back unless that fails.
 */
@Singleton
class CancelTurnHandler implements ClientFrameHandler<ClientFrame.CancelTurn> {
    private static final Logger LOG = LoggerFactory.getLogger(CancelTurnHandler.class);

    private final ChatServiceClient chat;
    private final EventPublisher publisher;
    private final ExecutorService blocking;

    CancelTurnHandler(ChatServiceClient chat, EventPublisher publisher, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.chat = chat;
        this.publisher = publisher;
        this.blocking = blocking;
    }

    @Override
    public Class<ClientFrame.CancelTurn> frameType() {
        return ClientFrame.CancelTurn.class;
    }

    @Override
    public CompletableFuture<Void> handle(ClientSession session, ClientFrame.CancelTurn frame) {
        String threadId = frame.threadId();
        ClientSession.Identity identity = ClientReplies.usableIdentity(session, threadId, null);
        if (identity == null) {
            return ClientReplies.DONE;
        }
        return chat.thread(identity.token(), threadId).thenCompose(reply -> {
            if (reply instanceof ChatServiceClient.Reply.Refused<String> refused) {
                ClientReplies.refusedThread(session, threadId, refused.status(), null);
                return ClientReplies.DONE;
            }
            if (!(reply instanceof ChatServiceClient.Reply.Ok<String>)) {
                ClientReplies.unavailable(session, threadId, null);
                return ClientReplies.DONE;
            }
            // The producer may block on metadata, never on the event loop.
            EventContext context = EventContext.ofThread(identity.tenantId(), identity.userId(), threadId);
            return CompletableFuture
                    .supplyAsync(() -> publisher.publish(Topics.AGENT_COMMANDS, new CancelTurn(threadId, frame.turnId()), context),
                            blocking)
                    .thenCompose(sent -> sent)
                    .handle((sent, error) -> {
                        if (error != null) {
                            LOG.warn("Could not publish the cancellation of thread {}: {}", threadId, error.toString());
                            ClientReplies.unavailable(session, threadId, null);
                        }
                        return null;
                    });
        });
    }
}
