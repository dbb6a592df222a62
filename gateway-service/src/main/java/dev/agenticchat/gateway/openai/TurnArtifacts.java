package dev.agenticchat.gateway.openai;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The artifacts a turn's tool calls made, newest version of each, linked under {@code baseUrl}. */
final class TurnArtifacts {
    private final String baseUrl;
    private final Map<String, ArtifactSnapshot> seen = new LinkedHashMap<>();

    TurnArtifacts(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void add(ArtifactSnapshot artifact) {
        seen.put(artifact.id(), artifact);
    }

    /** In the answer's order ({@code artifact_ids}), then any the answer does not name. */
    List<ArtifactLink> links(List<String> artifactIds) {
        List<ArtifactLink> links = new ArrayList<>();
        List<String> ids = new ArrayList<>(artifactIds);
        seen.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        for (String id : ids) {
            ArtifactSnapshot artifact = seen.get(id);
            links.add(new ArtifactLink(id, artifact == null ? null : artifact.type(), artifact == null ? null : artifact.title(),
                    baseUrl + "/v1/artifacts/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        return links;
    }
}
