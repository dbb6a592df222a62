package dev.agenticchat.chat.message;

import dev.agenticchat.chat.attachment.AttachedFile;
import dev.agenticchat.chat.attachment.AttachmentService;
import dev.agenticchat.chat.limit.TurnLimits;
import dev.agenticchat.chat.paging.PageView;
import dev.agenticchat.chat.thread.AgentClient;
import dev.agenticchat.chat.thread.ThreadService;
import dev.agenticchat.chat.thread.ThreadView;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.identity.MergedUsers;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.paging.SequenceCursor;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores the messages of a thread and announces user messages to the agents. */
@Singleton
public class MessageService {
    private static final Logger LOG = LoggerFactory.getLogger(MessageService.class);
    static final int TITLE_LENGTH = 60;
    private static final int MAX_POST_ATTEMPTS = 3;
    private static final String HISTORY = "messages";

    private final MessageRepository messages;
    private final ThreadService threads;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final TurnLimits turnLimits;
    private final MergedUsers merged;
    private final AgentClient agents;
    private final AttachmentService attachments;

    MessageService(MessageRepository messages, ThreadService threads, Outbox outbox,
                   TransactionOperations<Connection> transactions, TurnLimits turnLimits, MergedUsers merged,
                   AgentClient agents, AttachmentService attachments) {
        this.attachments = attachments;
        this.turnLimits = turnLimits;
        this.messages = messages;
        this.threads = threads;
        this.outbox = outbox;
        this.transactions = transactions;
        this.merged = merged;
        this.agents = agents;
    }

    /**
     * Stores a user message, links the attachments it names and writes its {@code MessagePosted}
     * event (carrying them) in one transaction, or answers
     * the message stored earlier under the same client_message_id (a resend) and stores nothing.
     * A new message over a turn limit is refused before anything is stored (429).
     */
    public PostedMessage post(Caller author, PostMessageRequest request) {
        if (request.agent() != null) {
            Optional<PostedMessage> earlier = checkAgentOfNewThread(author, request);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> postOnce(author, request));
            } catch (ClientMessageIdTaken e) {
                // A concurrent send of the same message won; our transaction (and any thread it
                // created) is rolled back. Answer the winner's message, now committed.
                LOG.debug("client_message_id {} was stored by a concurrent request", request.clientMessageId());
                Optional<PostedMessage> earlier = transactions.executeRead(status -> findPosted(author, request.clientMessageId()));
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                if (attempt == MAX_POST_ATTEMPTS) {
                    throw new IllegalStateException("client_message_id kept conflicting with a message that vanished", e);
                }
            }
        }
    }

    /**
     * An agent is named only to create a thread with it (422 with a thread id). A resend is
     * answered with the message stored earlier before agent-service is asked: the agent was
     * checked when it was stored, and may have been disabled since. The check runs outside the
     * transaction, so no database connection waits on agent-service.
     */
    private Optional<PostedMessage> checkAgentOfNewThread(Caller sender, PostMessageRequest request) {
        if (request.threadId() != null) {
            String detail = "a thread keeps the agent it was created with";
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Agent of an existing thread", detail,
                    List.of(new Problem.FieldError(AgentClient.FIELD, detail)));
        }
        Optional<PostedMessage> earlier = transactions.executeRead(
                status -> findPosted(merged.owner(sender), request.clientMessageId()));
        if (earlier.isEmpty()) {
            agents.requireUsable(sender, request.agent());
        }
        return earlier;
    }

    /**
     * A message the session sent just before it was linked is the person's, like the rest of its
     * history: resolved first, before the thread is locked ({@link MergedUsers}).
     */
    private PostedMessage postOnce(Caller sender, PostMessageRequest request) {
        Caller author = merged.owner(sender);
        Optional<PostedMessage> earlier = findPosted(author, request.clientMessageId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        turnLimits.admit(author);
        Instant now = ThreadService.now();
        // A thread created here is invisible to everyone else until commit: only an existing one needs the lock.
        ThreadView target = request.threadId() == null
                ? threads.create(author, titleFrom(request.content()), List.of(), request.agent(), now)
                : threads.lockForNewMessage(author, request.threadId())
                        .orElseThrow(() -> ApiProblem.notFound("thread " + request.threadId()));
        UUID threadId = target.id();
        Message message = new Message(UUID.randomUUID(), threadId, author.tenantId(), author.userId(), Message.USER,
                request.content(), request.clientMessageId(), null, null, now, null);
        if (!messages.insertIfAbsent(message)) {
            throw new ClientMessageIdTaken();
        }
        List<AttachedFile> files = attachments.attach(author, threadId, message.id(), request.attachments());
        // A thread created above already has this message's time as its activity: two round trips fewer.
        ThreadView thread = request.threadId() == null ? target : threads.touch(author, threadId, now);
        outbox.append(Topics.CHAT_MESSAGES,
                new MessagePosted(message.id().toString(), threadId.toString(), author.tenantId(), author.userId(),
                        message.content(), message.clientMessageId(), message.createdAt(), target.knowledgeBaseIds(),
                        target.agent(), files.stream().map(AttachedFile::toEvent).toList()),
                EventContext.ofThread(author.tenantId(), author.userId(), threadId.toString()));
        turnLimits.admitInTenant(author);
        return new PostedMessage(MessageView.of(message, files), thread, false);
    }

    private Optional<PostedMessage> findPosted(Caller author, String clientMessageId) {
        return messages.findByTenantIdAndUserIdAndClientMessageId(author.tenantId(), author.userId(), clientMessageId)
                .map(message -> new PostedMessage(view(message), threads.get(author, message.threadId()), true));
    }

    /**
     * The owner's thread history, oldest first (by {@code seq}). A cursor skips nothing: messages
     * of a thread are inserted under a lock on the thread's row, so within a thread seq order is
     * commit order and no message can appear later below a seq already served.
     */
    @Transactional(readOnly = true)
    public PageView<MessageView> history(Caller owner, UUID threadId, @Nullable String cursor, int limit) {
        threads.get(owner, threadId);
        SequenceCursor position = SequenceCursor.decode(HISTORY, cursor);
        long after = position == null ? 0 : position.seq();
        List<Message> rows = messages.page(threadId, after, limit + 1);
        Map<UUID, List<AttachedFile>> files = attachments.filesOf(rows.stream().map(Message::id).toList());
        return PageView.of(rows, limit, message -> MessageView.of(message, files.getOrDefault(message.id(), List.of())),
                message -> new SequenceCursor(message.seq()).encode(HISTORY));
    }

    private MessageView view(Message message) {
        return MessageView.of(message, attachments.filesOf(List.of(message.id())).getOrDefault(message.id(), List.of()));
    }

    /**
     * Stores a turn's answer as the assistant message with the id the agent chose, once,
     * in the owner's thread. False (nothing stored) when that thread is not the owner's
     * or the answer is already stored.
     */
    @Transactional
    public boolean storeAnswer(Caller owner, UUID threadId, UUID messageId, TurnCompleted completed) {
        if (threads.lockForNewMessage(owner, threadId).isEmpty()) {
            LOG.warn("Turn {} answers thread {}, which tenant {} user {} does not own; not stored",
                    completed.turnId(), threadId, owner.tenantId(), owner.userId());
            return false;
        }
        Instant now = ThreadService.now();
        Message answer = new Message(messageId, threadId, owner.tenantId(), owner.userId(), Message.ASSISTANT,
                completed.content(), null, completed.turnId(), MessageMetadata.of(completed), now, null);
        if (!messages.insertIfAbsent(answer)) {
            LOG.info("Answer {} of turn {} is already stored", messageId, completed.turnId());
            return false;
        }
        threads.touch(owner, threadId, now);
        return true;
    }

    /** The first characters of the first message, on one line. */
    static String titleFrom(String content) {
        String line = content.strip().replaceAll("\\s+", " ");
        if (line.length() <= TITLE_LENGTH) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(TITLE_LENGTH - 1)) ? TITLE_LENGTH - 1 : TITLE_LENGTH;
        return line.substring(0, end).strip();
    }

    /** Rolls the attempt back; {@link #post} then answers the message that holds the id. */
    private static final class ClientMessageIdTaken extends RuntimeException {
        ClientMessageIdTaken() {
            super("client_message_id already stored", null, false, false);
        }
    }
}
