package dev.agenticchat.chat.export;

import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.chat.thread.ThreadView;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** {@code {"thread": {...}, "exported_at": "...", "messages": [...]}}, the thread as the API serves it. */
final class JsonTranscript implements Transcript {
    private final JsonMapper json;

    JsonTranscript(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String begin(ThreadView thread, Instant exportedAt) {
        return "{\"thread\":" + write(thread) + ",\"exported_at\":" + write(exportedAt) + ",\"messages\":[";
    }

    @Override
    public String message(int number, MessageView message) {
        return (number > 1 ? "," : "") + write(ExportedMessage.of(message));
    }

    @Override
    public String end() {
        return "]}\n";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
