package dev.agenticchat.chat.export;

import dev.agenticchat.chat.message.MessageService;
import dev.agenticchat.chat.thread.ThreadService;
import dev.agenticchat.chat.thread.ThreadView;
import dev.agenticchat.support.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Downloads of a whole thread: every message, oldest first, with its citations and links to its
 * artifacts. It reads the thread and its history exactly as the API does, so it has the same
 * reader (the owner; anyone else's thread is a 404); the history is read a page at a time and
 * streamed ({@link TranscriptStream}), so there is no cap on a thread's length.
 */
@Singleton
class ThreadExportService {
    static final int PAGE_SIZE = 200;

    private final ThreadService threads;
    private final MessageService messages;
    private final JsonMapper json;

    ThreadExportService(ThreadService threads, MessageService messages, JsonMapper json) {
        this.threads = threads;
        this.messages = messages;
        this.json = json;
    }

    /** A bad format is refused before the thread is looked up: a 400 tells nothing of other people's threads. */
    ThreadExport export(Caller owner, UUID threadId, @Nullable String formatName) {
        ExportFormat format = ExportFormat.of(formatName);
        ThreadView thread = threads.get(owner, threadId);
        TranscriptStream body = new TranscriptStream(thread, ThreadService.now(), format.newTranscript(json),
                messages.history(owner, threadId, null, PAGE_SIZE),
                cursor -> messages.history(owner, threadId, cursor, PAGE_SIZE));
        return new ThreadExport(body, format.contentType(), Slugs.of(thread.title(), thread.id().toString()) + "." + format.extension());
    }
}
