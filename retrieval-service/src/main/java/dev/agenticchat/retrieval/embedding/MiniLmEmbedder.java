package dev.agenticchat.retrieval.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 in process (ONNX, shipped in its Maven jar), 384 dimensions. Loading the
 * model takes a second or two and ~100 MB, so it happens once per JVM, never during startup:
 * on a background thread right after it (warm-up, the default), or on first use.
 */
@Singleton
class MiniLmEmbedder implements Embedder {
    static final String NAME = "all-minilm-l6-v2";
    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEmbedder.class);

    private final boolean warmUp;
    private volatile AllMiniLmL6V2EmbeddingModel model;

    MiniLmEmbedder(EmbeddingSettings settings) {
        this.warmUp = settings.warmUp();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (warmUp) {
            Thread loader = new Thread(this::model, "minilm-warm-up");
            loader.setDaemon(true);
            loader.start();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> embedding.vector()).toList();
    }

    private AllMiniLmL6V2EmbeddingModel model() {
        AllMiniLmL6V2EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    long start = System.nanoTime();
                    try {
                        loaded = new AllMiniLmL6V2EmbeddingModel();
                    } catch (OutOfMemoryError | LinkageError e) {
                        // An Error would kill the ingestion consumer; as an exception the document fails with a reason.
                        LOG.error("Cannot load {} (give the JVM at least -Xmx384m; restart needed): {}", NAME, e.toString());
                        throw new IllegalStateException("the embedding model " + NAME + " could not be loaded: " + e, e);
                    }
                    model = loaded;
                    LOG.info("Loaded {} in {} ms", NAME, (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return loaded;
    }
}
