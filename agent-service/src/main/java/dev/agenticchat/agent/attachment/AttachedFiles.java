package dev.agenticchat.agent.attachment;

import dev.agenticchat.contracts.events.MessagePosted.Attachment;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user message of a turn with the files attached to it: the extracted text of each document
 * after the user's words, all of them together within {@link AttachmentSettings#getTokens()}, and
 * each image as an image part when the agent's model reads images (described as unreadable to
 * other models). A file chat-service cannot hand over is named to the model as missing, so the
 * answer says so instead of pretending it read it; the turn goes on.
 */
@Singleton
public class AttachedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AttachedFiles.class);
    private static final int CHARS_PER_TOKEN = 4;

    private final ChatAttachmentClient chat;
    private final AttachmentSettings settings;

    AttachedFiles(ChatAttachmentClient chat, AttachmentSettings settings) {
        this.chat = chat;
        this.settings = settings;
    }

    /**
     * {@code message}: what the model is sent; {@code context}: the text added to the user's words
     * (documents and notes, no image bytes), kept with the turn so later turns replay it; null
     * without attachments.
     */
    public record Prepared(UserMessage message, @Nullable String context) {
    }

    public Prepared messageOf(String content, List<Attachment> files, String model, String tenantId, String userId)
            throws InterruptedException {
        if (files.isEmpty()) {
            return new Prepared(UserMessage.from(content), null);
        }
        boolean readsImages = settings.readsImages(model);
        StringBuilder context = new StringBuilder();
        List<Content> images = new ArrayList<>();
        long charsLeft = (long) settings.getTokens() * CHARS_PER_TOKEN;
        for (Attachment file : files) {
            context.append("\n\n");
            try {
                if (file.isImage()) {
                    image(file, readsImages, tenantId, userId, context, images);
                } else {
                    charsLeft -= document(file, charsLeft, tenantId, userId, context);
                }
            } catch (AttachmentUnavailableException e) {
                LOG.warn("attachment {} of user {} could not be read for the prompt: {}", file.id(), userId, e.getMessage());
                context.append("[The attachment ").append(quoted(file.name()))
                        .append(" could not be loaded just now; tell the user to send it again if it matters.]");
            }
        }
        String added = context.toString();
        List<Content> parts = new ArrayList<>();
        parts.add(TextContent.from(content + added));
        parts.addAll(images);
        return new Prepared(UserMessage.from(parts), added);
    }

    /** Appends the document's text (what fits) and answers the characters it took. */
    private long document(Attachment file, long charsLeft, String tenantId, String userId, StringBuilder context)
            throws AttachmentUnavailableException, InterruptedException {
        Optional<ChatAttachmentClient.ExtractedText> extracted = chat.textOf(file.id(), tenantId, userId);
        if (extracted.isEmpty()) {
            context.append("[The user removed the attachment ").append(quoted(file.name())).append(" before it was read.]");
            return 0;
        }
        String text = extracted.get().text();
        int fits = (int) Math.max(0, Math.min(text.length(), charsLeft));
        context.append("<attachment name=").append(quoted(file.name())).append(" type=\"").append(file.contentType())
                .append("\">\n").append(text, 0, fits);
        if (fits < text.length()) {
            context.append("\n[… the rest of this document, ").append(text.length() - fits)
                    .append(" more characters, did not fit in the prompt.]");
        } else if (extracted.get().truncated()) {
            context.append("\n[… the document is longer; only its beginning was kept when it was uploaded.]");
        }
        context.append("\n</attachment>");
        return fits;
    }

    private void image(Attachment file, boolean readsImages, String tenantId, String userId, StringBuilder context,
                       List<Content> images) throws AttachmentUnavailableException, InterruptedException {
        if (!readsImages) {
            context.append("[The user attached the image ").append(quoted(file.name()))
                    .append(", but this model cannot see images: say so if the question needs it.]");
            return;
        }
        Optional<ChatAttachmentClient.Content> content = chat.contentOf(file.id(), tenantId, userId);
        if (content.isEmpty()) {
            context.append("[The user removed the image ").append(quoted(file.name())).append(" before it was read.]");
            return;
        }
        images.add(ImageContent.from(Base64.getEncoder().encodeToString(content.get().bytes()), mediaTypeOf(content.get(), file)));
        context.append("[Image attached: ").append(quoted(file.name())).append(" (").append(file.contentType())
                .append(", shown with this message).]");
    }

    /** The media type without parameters; the one the event names when chat-service gave none that is an image. */
    private static String mediaTypeOf(ChatAttachmentClient.Content content, Attachment file) {
        String type = content.mediaType().split(";", 2)[0].strip();
        return type.startsWith("image/") ? type : file.contentType();
    }

    private static String quoted(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }
}
