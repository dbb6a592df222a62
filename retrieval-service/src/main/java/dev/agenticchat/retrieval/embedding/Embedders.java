package dev.agenticchat.retrieval.embedding;

import dev.agenticchat.support.web.ApiProblem;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The embedding models this deployment offers, by the name a knowledge base stores. */
@Singleton
public class Embedders {
    public static final String DEFAULT = MiniLmEmbedder.NAME;

    private final Map<String, Embedder> byName;

    Embedders(List<Embedder> embedders) {
        this.byName = embedders.stream().collect(Collectors.toMap(Embedder::name, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public Optional<Embedder> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The embedder of a knowledge base; its model was checked at creation, so a miss is a configuration change. */
    public Embedder require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("embedding model " + name + " is not configured"));
    }

    /** For a new knowledge base: an unknown model is the client's mistake. */
    public Embedder forNewKnowledgeBase(String name) {
        return find(name).orElseThrow(() -> ApiProblem.badRequest(
                "embedding_model must be one of " + String.join(", ", byName.keySet()), "embedding_model"));
    }
}
