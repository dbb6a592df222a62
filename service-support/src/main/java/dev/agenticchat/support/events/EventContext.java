package dev.agenticchat.support.events;

import io.micronaut.core.annotation.Nullable;

/**
 * Who and what an event is about: becomes the CloudEvents {@code subject} and the
 * {@code tenantid}, {@code userid}, {@code threadid} extension attributes. The record
 * key is the thread id, or the subject for events outside a thread.
 */
public record EventContext(@Nullable String tenantId, @Nullable String userId, @Nullable String threadId,
                           @Nullable String subject) {

    public static EventContext ofThread(String tenantId, String userId, String threadId) {
        return new EventContext(tenantId, userId, threadId, threadId);
    }

    public EventContext withSubject(String newSubject) {
        return new EventContext(tenantId, userId, threadId, newSubject);
    }

    public String recordKey() {
        if (threadId != null) {
            return threadId;
        }
        if (subject != null) {
            return subject;
        }
        throw new IllegalStateException("an event needs a thread id or a subject to be keyed by");
    }
}
