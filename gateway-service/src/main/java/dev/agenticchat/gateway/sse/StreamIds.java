package dev.agenticchat.gateway.sse;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stream id names the turn answering one message: {@code <thread id>.<message id>}. It is no
 * credential (reading the stream still takes the thread owner's token), just where to look.
 */
final class StreamIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    record StreamId(String threadId, String messageId) {
        @Override
        public String toString() {
            return threadId + "." + messageId;
        }
    }

    private StreamIds() {
    }

    static Optional<StreamId> parse(String value) {
        int dot = value.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String threadId = value.substring(0, dot);
        String messageId = value.substring(dot + 1);
        return ID.matcher(threadId).matches() && ID.matcher(messageId).matches()
                ? Optional.of(new StreamId(threadId, messageId)) : Optional.empty();
    }
}
