package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * chat-service's threads and messages as ChatKit threads and items: a user message is a
 * {@code user_message}, an assistant message an {@code assistant_message} (its citations as
 * annotations) followed by a link card per artifact it made; the ids are the suite's, so what a
 * ChatKit front end shows is the history the web app shows.
 */
final class Items {
    private Items() {
    }

    static Wire.Thread thread(Map<String, Object> view, Wire.Page items) {
        return new Wire.Thread(text(view, "id"), (String) view.get("title"), text(view, "created_at"), items);
    }

    /** The items of one stored message (one, or an assistant message and its artifacts' cards). */
    static List<Object> of(Map<String, Object> message, ArtifactWidgets widgets) {
        String id = text(message, "id");
        String threadId = text(message, "thread_id");
        String createdAt = text(message, "created_at");
        if ("user".equals(message.get("role"))) {
            return List.of(new Wire.UserMessage(id, threadId, createdAt, text(message, "content"),
                    attachments(message.get("attachments"), threadId)));
        }
        List<Object> items = new ArrayList<>();
        items.add(assistant(id, threadId, createdAt, text(message, "content"), message.get("citations")));
        if (message.get("artifact_ids") instanceof List<?> artifactIds) {
            for (Object artifactId : artifactIds) {
                items.add(new Wire.Widget(String.valueOf(artifactId), threadId, createdAt,
                        widgets.linkCard(String.valueOf(artifactId), "Artifact", threadId), null));
            }
        }
        return items;
    }

    static Wire.AssistantMessage assistant(String id, String threadId, String createdAt, String text, @Nullable Object citations) {
        return new Wire.AssistantMessage(id, threadId, createdAt, List.of(new Wire.OutputText(text, annotations(text, citations))));
    }

    /** The live turn's citations, in the stored message's shape. */
    static List<Map<String, Object>> citations(List<TurnCompleted.Citation> citations) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (TurnCompleted.Citation citation : citations == null ? List.<TurnCompleted.Citation>of() : citations) {
            Map<String, Object> map = new HashMap<>();
            map.put("document_id", citation.documentId());
            map.put("title", citation.title());
            map.put("page", citation.page());
            map.put("passage", citation.passage());
            maps.add(map);
        }
        return maps;
    }

    /**
     * A citation ({@code document_id, title, page, passage}) as a {@code file} source; the n-th one's
     * {@code index} is where the text's {@code [n]} marker ends, when it has one.
     */
    static List<Wire.Annotation> annotations(String text, @Nullable Object citations) {
        if (!(citations instanceof List<?> list)) {
            return List.of();
        }
        List<Wire.Annotation> annotations = new ArrayList<>();
        for (int n = 0; n < list.size(); n++) {
            if (list.get(n) instanceof Map<?, ?> citation) {
                String title = String.valueOf(citation.get("title"));
                Object page = citation.get("page");
                String filename = page == null ? title : title + ", page " + page;
                Object passage = citation.get("passage");
                String marker = "[" + (n + 1) + "]";
                int at = text.indexOf(marker);
                annotations.add(new Wire.Annotation(new Wire.FileSource(filename, title, passage == null ? null : String.valueOf(passage)),
                        at < 0 ? null : at + marker.length()));
            }
        }
        return annotations;
    }

    static List<Wire.Attachment> attachments(@Nullable Object attached, @Nullable String threadId) {
        if (!(attached instanceof List<?> list)) {
            return List.of();
        }
        List<Wire.Attachment> attachments = new ArrayList<>();
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> file) {
                attachments.add(new Wire.Attachment(String.valueOf(file.get("id")), String.valueOf(file.get("name")),
                        String.valueOf(file.get("content_type")), threadId));
            }
        }
        return attachments;
    }

    static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value);
    }
}
