package dev.agenticchat.chat.export;

import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.chat.thread.ThreadView;
import java.time.Instant;

/**
 * One export being written, piece by piece as the messages are read a page at a time: what
 * comes before the first message, each message (numbered from 1, oldest first), what comes
 * after the last. A new instance per export, so an implementation may keep state between pieces.
 */
interface Transcript {
    String begin(ThreadView thread, Instant exportedAt);

    String message(int number, MessageView message);

    String end();
}
