package dev.agenticchat.agent.tool.builtin;

import java.time.Instant;

/** One earlier turn a recall found: where and when it was, and the matching part of question and answer. */
record PastTurn(String threadId, String messageId, String assistantMessageId, Instant startedAt, String question,
                String answer) {
}
