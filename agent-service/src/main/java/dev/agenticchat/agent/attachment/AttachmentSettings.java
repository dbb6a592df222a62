package dev.agenticchat.agent.attachment;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/**
 * How a message's attachments go into the prompt ({@code agent.attachments.*}): the tokens the
 * extracted text of its documents may take together ({@code tokens}, about four characters a
 * token), and the models that read images, as names or prefixes ending in {@code *}: an image
 * attached for any other model is described to it as one it cannot see.
 */
@ConfigurationProperties("agent.attachments")
public class AttachmentSettings {
    private int tokens = 8_000;
    private List<String> imageModels = List.of("gpt-4o*", "gpt-4.1*", "gpt-5*", "o1*", "o3*", "o4*", "claude-*");

    public int getTokens() {
        return tokens;
    }

    public void setTokens(int tokens) {
        this.tokens = tokens;
    }

    public List<String> getImageModels() {
        return imageModels;
    }

    public void setImageModels(List<String> imageModels) {
        this.imageModels = imageModels == null ? List.of() : List.copyOf(imageModels);
    }

    /** Whether the named model is one that reads images. */
    public boolean readsImages(String model) {
        for (String pattern : imageModels) {
            String trimmed = pattern.strip();
            if (trimmed.endsWith("*") ? model.startsWith(trimmed.substring(0, trimmed.length() - 1)) : model.equals(trimmed)) {
                return true;
            }
        }
        return false;
    }
}
