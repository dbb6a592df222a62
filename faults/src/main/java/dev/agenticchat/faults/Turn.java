package dev.agenticchat.faults;

import java.time.Instant;

/** One user message and what its client saw of the turn answering it. Written by one client thread. */
final class Turn {
    enum Outcome { COMPLETED, FAILED, NOT_ACKNOWLEDGED, NO_OUTCOME }

    final int index;
    final String clientMessageId;
    final String content;
    final String userId;
    final String accessToken;
    volatile Instant sentAt;
    volatile Instant ackAt;
    volatile Instant firstDeltaAt;
    volatile Instant endedAt;
    volatile String threadId;
    volatile String messageId;
    volatile String turnId;
    volatile Outcome outcome;
    volatile String failCode;
    volatile int sends;
    volatile int reconnects;
    volatile int turnStarts;
    volatile boolean answeredFromHistory;

    Turn(int index, String clientMessageId, String content, String userId, String accessToken) {
        this.index = index;
        this.clientMessageId = clientMessageId;
        this.content = content;
        this.userId = userId;
        this.accessToken = accessToken;
    }

    boolean acknowledged() {
        return ackAt != null;
    }
}
