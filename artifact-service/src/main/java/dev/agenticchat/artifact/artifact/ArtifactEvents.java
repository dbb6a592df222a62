package dev.agenticchat.artifact.artifact;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.support.events.EventContext;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/** What every event about an artifact shares: its CloudEvents context and its snapshot. */
public final class ArtifactEvents {
    private ArtifactEvents() {
    }

    /**
     * The subject is the artifact; the record key is its thread (per-conversation order), or the
     * artifact itself when it was made outside a thread.
     */
    public static EventContext context(Artifact artifact) {
        return new EventContext(artifact.tenantId(), artifact.userId(), artifact.threadId(), artifact.id().toString());
    }

    /** The artifact at its current version; {@code turnId} is the turn that made that version, if any. */
    public static ArtifactSnapshot snapshot(Artifact artifact, @Nullable String turnId, Map<String, Object> content) {
        return new ArtifactSnapshot(artifact.id().toString(), artifact.type(), artifact.title(), artifact.status(),
                artifact.currentVersion(), artifact.threadId(), turnId, content, artifact.createdAt());
    }
}
