package dev.agenticchat.gateway.chatkit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Map;

/**
 * ChatKit's wire shapes (../shared/protocols/chatkit.md §4), as ChatKit's Python reference writes
 * them: {@code null} fields are left out, fields with a non-null default ({@code "attachments":[]},
 * {@code "metadata":{}}) are always there. Items and widgets are typed {@code Object} where ChatKit
 * has a union, so each is written as the record (or tree) it is.
 */
final class Wire {
    private Wire() {
    }

    /** A thread item: every one has the suite's id. */
    interface Item {
        String id();
    }

    /** A thread: the suite's thread; always {@code active}, its {@code metadata} always empty (the reference never sends it). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Thread(String id, @Nullable String title, String createdAt, Status status, Map<String, Object> metadata,
                  Page items) {
        Thread(String id, @Nullable String title, String createdAt, Page items) {
            this(id, title, createdAt, new Status("active"), Map.of(), items);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Status(String type) {
    }

    /** {@code after} = the cursor of the next page, left out on the last one. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(List<Object> data, boolean hasMore, @Nullable String after) {
        static Page empty() {
            return new Page(List.of(), false, null);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserMessage(String id, String threadId, String createdAt, String type, List<InputText> content,
                       List<Attachment> attachments, Map<String, Object> inferenceOptions) implements Item {
        UserMessage(String id, String threadId, String createdAt, String text, List<Attachment> attachments) {
            this(id, threadId, createdAt, "user_message", List.of(new InputText("input_text", text)), attachments, Map.of());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record InputText(String type, String text) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssistantMessage(String id, String threadId, String createdAt, String type, List<OutputText> content) implements Item {
        AssistantMessage(String id, String threadId, String createdAt, List<OutputText> content) {
            this(id, threadId, createdAt, "assistant_message", content);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutputText(String type, String text, List<Annotation> annotations) {
        OutputText(String text, List<Annotation> annotations) {
            this("output_text", text, annotations);
        }
    }

    /** A citation: {@code index} is where its {@code [n]} marker ends in the text, when the text has one. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Annotation(String type, FileSource source, @Nullable Integer index) {
        Annotation(FileSource source, @Nullable Integer index) {
            this("annotation", source, index);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileSource(String type, String filename, String title, @Nullable String description) {
        FileSource(String filename, String title, @Nullable String description) {
            this("file", filename, title, description);
        }
    }

    /** {@code widget}: a tree of ChatKit widget components (maps), see {@link ArtifactWidgets}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Widget(String id, String threadId, String createdAt, String type, Map<String, Object> widget,
                  @Nullable String copyText) implements Item {
        Widget(String id, String threadId, String createdAt, Map<String, Object> widget, @Nullable String copyText) {
            this(id, threadId, createdAt, "widget", widget, copyText);
        }
    }

    /**
     * An attachment, always of type {@code file}: an {@code image} must carry a {@code preview_url}
     * the browser can load, and the suite's attachment bytes need the bearer token.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Attachment(String type, String id, String name, String mimeType, @Nullable String threadId) {
        Attachment(String id, String name, String mimeType, @Nullable String threadId) {
            this("file", id, name, mimeType, threadId);
        }
    }

    /** ChatKit's error shape, as the {@code error} stream event and as the body of every refused request. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String code, @Nullable String message, boolean allowRetry) {
        Error(String message, boolean allowRetry) {
            this("error", "custom", message, allowRetry);
        }
    }
}
