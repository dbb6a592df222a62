package dev.agenticchat.chat.export;

import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.chat.thread.ThreadView;
import dev.agenticchat.contracts.events.TurnCompleted;
import java.time.Instant;
import java.util.List;

/**
 * A readable transcript: the thread's title, then a heading per message with its number, role
 * and time, the content as written (it is markdown already), the citations as a numbered list
 * with their passages quoted, and links to the artifacts. Titles and passages are put on one
 * line or quoted line by line, so they cannot break out of their place.
 */
final class MarkdownTranscript implements Transcript {

    @Override
    public String begin(ThreadView thread, Instant exportedAt) {
        return "# " + oneLine(thread.title()) + "\n\n"
                + "- Thread: `" + thread.id() + "`\n"
                + "- Agent: " + (thread.agent() == null ? "the tenant's default agent" : "`" + thread.agent() + "`") + "\n"
                + "- Created: " + Times.readable(thread.createdAt()) + "\n"
                + "- Exported: " + Times.readable(exportedAt) + "\n";
    }

    @Override
    public String message(int number, MessageView message) {
        StringBuilder md = new StringBuilder("\n---\n\n## ").append(number).append(". ").append(Roles.label(message.role()))
                .append(" · ").append(Times.readable(message.createdAt())).append("\n\n")
                .append(withNewline(message.content()));
        List<TurnCompleted.Citation> citations = ExportedMessage.citationsOf(message);
        if (!citations.isEmpty()) {
            md.append("\n**Sources**\n\n");
            for (int i = 0; i < citations.size(); i++) {
                TurnCompleted.Citation citation = citations.get(i);
                md.append(i + 1).append(". ").append(oneLine(citation.title()));
                if (citation.page() != null) {
                    md.append(", page ").append(citation.page());
                }
                md.append(" (document `").append(oneLine(citation.documentId())).append("`, score ")
                        .append(citation.score()).append(")\n");
                citation.passage().lines().forEach(line -> md.append("   > ").append(line).append('\n'));
            }
        }
        List<String> artifacts = ExportedMessage.artifactIdsOf(message);
        if (!artifacts.isEmpty()) {
            md.append("\n**Artifacts**\n\n");
            artifacts.forEach(id -> md.append("- [").append(oneLine(id).replace("]", "\\]")).append("](")
                    .append(ArtifactLinks.of(id)).append(")\n"));
        }
        if (!message.attachments().isEmpty()) {
            md.append("\n**Attachments**\n\n");
            message.attachments().forEach(file -> md.append("- ").append(literal(oneLine(file.name()))).append(" (")
                    .append(file.contentType()).append(", ").append(file.sizeBytes()).append(" bytes)\n"));
        }
        return md.toString();
    }

    @Override
    public String end() {
        return "";
    }

    /** A file name as plain text: every character markdown could read as markup escaped. */
    private static String literal(String text) {
        return text.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!|<>~])", "\\\\$1");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
