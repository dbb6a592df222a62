package dev.agenticchat.chat.export;

import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.chat.paging.PageView;
import dev.agenticchat.chat.thread.ThreadView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;

/**
 * An export as the bytes of a download, written one page of messages at a time as the client
 * reads it: however long the thread, only one page is held in memory. The first page is read
 * before the response starts (with the thread's access check), the next ones while it streams,
 * each in its own read transaction after the cursor of the last; a failure then (the thread
 * deleted meanwhile, the database gone) can only cut the download short.
 */
final class TranscriptStream extends InputStream {
    private final Transcript transcript;
    private final Function<String, PageView<MessageView>> pageAfter;
    private byte[] chunk;
    private int position;
    private String cursor;
    private boolean ended;
    private int number;

    TranscriptStream(ThreadView thread, Instant exportedAt, Transcript transcript, PageView<MessageView> firstPage,
                     Function<String, PageView<MessageView>> pageAfter) {
        this.transcript = transcript;
        this.pageAfter = pageAfter;
        write(new StringBuilder(transcript.begin(thread, exportedAt)), firstPage);
    }

    private void write(StringBuilder text, PageView<MessageView> page) {
        page.items().forEach(message -> text.append(transcript.message(++number, message)));
        cursor = page.nextCursor();
        if (cursor == null) {
            text.append(transcript.end());
            ended = true;
        }
        chunk = text.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (ended) {
                return -1;
            }
            try {
                write(new StringBuilder(), pageAfter.apply(cursor));
            } catch (RuntimeException e) {
                ended = true;
                throw new IOException("the export stopped after " + number + " messages", e);
            }
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, into, offset, count);
        position += count;
        return count;
    }
}
