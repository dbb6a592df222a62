package dev.agenticchat.chat.export;

import dev.agenticchat.chat.attachment.AttachedFile;
import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.chat.thread.ThreadView;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * One record per message under a header row, RFC 4180: commas, CRLF after every record, a field
 * quoted when it holds a comma, a quote, a line break or edge spaces, quotes doubled. Citations
 * are a JSON array in their cell; artifacts are their links, attachments their file names, one per line. A cell a spreadsheet
 * would take for a formula (starting with {@code = + - @}, tab or carriage return) is prefixed
 * with {@code '} so that opening the file cannot run it (CSV injection): a message starting with
 * "- " reads "'- " in the file.
 */
final class CsvTranscript implements Transcript {
    static final List<String> HEADER = List.of("message_id", "created_at", "role", "content", "citations", "artifacts", "attachments");

    private final JsonMapper json;

    CsvTranscript(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String begin(ThreadView thread, Instant exportedAt) {
        return record(HEADER);
    }

    @Override
    public String message(int number, MessageView message) {
        List<String> artifacts = ExportedMessage.artifactIdsOf(message).stream().map(ArtifactLinks::of).toList();
        return record(List.of(message.id().toString(), message.createdAt().toString(), message.role(), message.content(),
                ExportedMessage.citationsOf(message).isEmpty() ? "" : write(ExportedMessage.citationsOf(message)),
                String.join("\n", artifacts),
                String.join("\n", message.attachments().stream().map(AttachedFile::name).toList())));
    }

    @Override
    public String end() {
        return "";
    }

    private static String record(List<String> cells) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(cells.get(i)));
        }
        return csv.append("\r\n").toString();
    }

    static String field(String cell) {
        String text = cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0 ? cell : "'" + cell;
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || !text.equals(text.strip());
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
