package dev.agenticchat.chat.thread;

import dev.agenticchat.chat.paging.PageView;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Threads as their owner sees them: anyone else's thread does not exist (404). */
@Singleton
public class ThreadService {
    static final String DEFAULT_TITLE = "New conversation";
    private static final String LIST = "threads";

    private final ThreadRepository repository;

    ThreadService(ThreadRepository repository) {
        this.repository = repository;
    }

    /** Postgres keeps microseconds: truncating first makes what we answer equal to what we store. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A new thread, bound for good to {@code agent} (null: the tenant's default agent), checked by the caller. */
    @Transactional
    public ThreadView create(Caller owner, @Nullable String title, List<String> knowledgeBaseIds, @Nullable String agent,
                             Instant at) {
        String effective = title == null || title.isBlank() ? DEFAULT_TITLE : title.strip();
        return ThreadView.of(repository.save(new ChatThread(UUID.randomUUID(), owner.tenantId(), owner.userId(), effective, at, at,
                knowledgeBaseIds.toArray(String[]::new), agent)));
    }

    /**
     * Ordered by activity ({@code updated_at DESC, id DESC}): a thread that becomes active while
     * a client pages moves to the top, above the pages already served.
     */
    @Transactional(readOnly = true)
    public PageView<ThreadView> list(Caller owner, @Nullable String cursor, int limit) {
        PageCursor after = PageCursor.decode(LIST, cursor);
        List<ChatThread> rows = after == null
                ? repository.firstPage(owner.tenantId(), owner.readsAs(), limit + 1)
                : repository.pageAfter(owner.tenantId(), owner.readsAs(), after.time(), after.id(), limit + 1);
        return PageView.of(rows, limit, ThreadView::of, t -> new PageCursor(t.updatedAt(), t.id()).encode(LIST));
    }

    /** Right after a link, the person also reads the session's threads that have not moved to them yet. */
    @Transactional(readOnly = true)
    public Optional<ThreadView> find(Caller owner, UUID id) {
        return repository.findReadable(id, owner.tenantId(), owner.readsAs()).map(ThreadView::of);
    }

    /** The owner's thread, or a 404 problem. */
    @Transactional(readOnly = true)
    public ThreadView get(Caller owner, UUID id) {
        return find(owner, id).orElseThrow(() -> ApiProblem.notFound("thread " + id));
    }

    /**
     * The owner's thread, locked until the caller's transaction ends: every message of a
     * thread is inserted under this lock. A message's seq is drawn when it is inserted, so
     * without it a message could commit after one with a higher seq, and a history cursor
     * already past that one would never show it.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<ThreadView> lockForNewMessage(Caller owner, UUID id) {
        return repository.findOwnedForUpdate(id, owner.tenantId(), owner.userId()).map(ThreadView::of);
    }

    /** Changes what is given (a null leaves it as it is). */
    @Transactional
    public ThreadView update(Caller owner, UUID id, @Nullable String title, @Nullable List<String> knowledgeBaseIds) {
        ChatThread thread = repository.findOwnedForUpdate(id, owner.tenantId(), owner.userId())
                .orElseThrow(() -> ApiProblem.notFound("thread " + id));
        Instant now = now();
        if (title != null) {
            thread = thread.withTitle(title.strip(), now);
        }
        if (knowledgeBaseIds != null) {
            thread = thread.withKnowledgeBases(knowledgeBaseIds, now);
        }
        return ThreadView.of(repository.update(thread));
    }

    /** Deletes the thread with its messages (foreign key ON DELETE CASCADE). */
    @Transactional
    public void delete(Caller owner, UUID id) {
        if (repository.deleteByIdAndTenantIdAndUserId(id, owner.tenantId(), owner.userId()) == 0) {
            throw ApiProblem.notFound("thread " + id);
        }
    }

    /** Records activity (a new message) in the owner's thread; the thread as it is now. */
    @Transactional
    public ThreadView touch(Caller owner, UUID id, Instant at) {
        repository.touch(id, at);
        return get(owner, id);
    }
}
