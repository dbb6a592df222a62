package dev.agenticchat.chat.export;

import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.chat.thread.ThreadView;
import dev.agenticchat.contracts.events.TurnCompleted;
import java.time.Instant;
import java.util.List;

/**
 * A standalone page: inline styles, no scripts, no external resources, and a Content-Security-Policy
 * that lets nothing load or run even if something slipped through. Every text is escaped; the
 * messages' markdown is shown as written, in preformatted blocks, not rendered: chat-service has
 * no markdown renderer, and plain escaped text cannot carry markup, handlers or links.
 */
final class HtmlTranscript implements Transcript {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
    private static final String STYLE = """
            body{font-family:Helvetica,Arial,sans-serif;color:#1f2328;margin:2rem auto;max-width:60rem;padding:0 1rem}
            h1{font-size:1.6rem;margin:0 0 .25rem}
            .meta{color:#59636e;font-size:.85rem;margin:0 0 1.5rem}
            article{border-top:1px solid #d1d9e0;padding:.75rem 0}
            h2{font-size:1rem;margin:0 0 .5rem}
            .assistant h2{color:#0969da}
            pre{background:#f6f8fa;padding:.75rem;white-space:pre-wrap;word-wrap:break-word;font-family:inherit}
            h3{font-size:.9rem;margin:.75rem 0 .25rem}
            blockquote{color:#59636e;margin:.25rem 0 .5rem 1rem;white-space:pre-wrap}
            """;

    @Override
    public String begin(ThreadView thread, Instant exportedAt) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CONTENT_SECURITY_POLICY + "\">"
                + "<title>" + Html.escape(thread.title()) + "</title><style>" + STYLE + "</style></head><body>\n"
                + "<h1>" + Html.escape(thread.title()) + "</h1>\n"
                + "<p class=\"meta\">Agent: " + Html.escape(thread.agent() == null ? "the tenant's default agent" : thread.agent())
                + " · created " + Times.readable(thread.createdAt()) + " · exported " + Times.readable(exportedAt)
                + " · thread " + thread.id() + "</p>\n<main>\n";
    }

    @Override
    public String message(int number, MessageView message) {
        StringBuilder html = new StringBuilder("<article class=\"").append(message.role().equals("assistant") ? "assistant" : "user")
                .append("\" id=\"message-").append(message.id()).append("\"><h2>").append(number).append(". ")
                .append(Html.escape(Roles.label(message.role()))).append(" · ").append(Times.readable(message.createdAt()))
                .append("</h2><pre>").append(Html.escape(message.content())).append("</pre>");
        List<TurnCompleted.Citation> citations = ExportedMessage.citationsOf(message);
        if (!citations.isEmpty()) {
            html.append("<h3>Sources</h3><ol>");
            for (TurnCompleted.Citation citation : citations) {
                html.append("<li>").append(Html.escape(citation.title()));
                if (citation.page() != null) {
                    html.append(", page ").append(citation.page());
                }
                html.append(" (document ").append(Html.escape(citation.documentId())).append(", score ")
                        .append(citation.score()).append(")<blockquote>").append(Html.escape(citation.passage()))
                        .append("</blockquote></li>");
            }
            html.append("</ol>");
        }
        List<String> artifacts = ExportedMessage.artifactIdsOf(message);
        if (!artifacts.isEmpty()) {
            html.append("<h3>Artifacts</h3><ul>");
            artifacts.forEach(id -> html.append("<li><a href=\"").append(Html.escape(ArtifactLinks.of(id))).append("\">")
                    .append(Html.escape(ArtifactLinks.of(id))).append("</a></li>"));
            html.append("</ul>");
        }
        if (!message.attachments().isEmpty()) {
            html.append("<h3>Attachments</h3><ul>");
            message.attachments().forEach(file -> html.append("<li>").append(Html.escape(file.name())).append(" (")
                    .append(Html.escape(file.contentType())).append(", ").append(file.sizeBytes()).append(" bytes)</li>"));
            html.append("</ul>");
        }
        return html.append("</article>\n").toString();
    }

    @Override
    public String end() {
        return "</main>\n</body></html>\n";
    }
}
