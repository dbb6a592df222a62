package dev.agenticchat.artifact.artifact;

import dev.agenticchat.artifact.render.HtmlSanitizer;
import jakarta.inject.Singleton;

/** The view of one artifact, with the sanitised rendition an html artifact is shown as. */
@Singleton
public class ArtifactViews {
    private final HtmlSanitizer sanitizer;

    ArtifactViews(HtmlSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    public ArtifactView full(StoredArtifact stored) {
        ArtifactView view = ArtifactView.of(stored);
        return stored.artifact().type().equals("html") && stored.content().get("html") instanceof String html
                ? view.withSanitizedHtml(sanitizer.sanitize(html))
                : view;
    }
}
