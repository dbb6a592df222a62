package dev.agenticchat.gateway.openai;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Which thread of a key holds a conversation. Continuing one takes it: its hash is cleared until
 * the new turn completes and records the longer conversation, so a retry or a second branch of the
 * same conversation starts a thread of its own instead of mixing into this one.
 */
@Singleton
class KeyThreads {
    private final KeyThreadRepository threads;

    KeyThreads(KeyThreadRepository threads) {
        this.threads = threads;
    }

    @Transactional
    Optional<UUID> take(UUID apiKeyId, String agent, String conversationHash) {
        Optional<KeyThread> found = threads.findForUpdate(apiKeyId, agent, conversationHash);
        found.ifPresent(thread -> threads.clear(thread.threadId()));
        return found.map(KeyThread::threadId);
    }

    @Transactional
    void record(UUID threadId, UUID apiKeyId, String agent, String conversationHash) {
        threads.record(threadId, apiKeyId, agent, conversationHash);
    }
}
