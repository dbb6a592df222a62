package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.retrieval.document.DocumentType;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Extracts and chunks a document on a thread of its own and waits at most the
 * {@link ExtractionLimits#timeout()} for it. The extractor watches the same clock inside its
 * loops; a parser stuck where it cannot look is interrupted and abandoned, so the ingestion
 * worker always gets back to the next document.
 */
@Singleton
class DocumentReader {
    private final TextExtractor extractor;
    private final ExtractionLimits limits;
    private final ExecutorService readers;

    DocumentReader(TextExtractor extractor, ExtractionLimits limits) {
        this.extractor = extractor;
        this.limits = limits;
        AtomicInteger count = new AtomicInteger();
        // Unbounded but cheap: each ingestion worker waits on one reader, plus any abandoned ones still unwinding.
        this.readers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "document-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    record ChunkedText(ExtractedText text, List<TextChunk> chunks) {
    }

    ChunkedText read(DocumentType type, byte[] bytes, int chunkSize, int chunkOverlap) throws UnreadableDocumentException {
        return withinTimeout(() -> {
            ExtractedText text = extractor.extract(type, bytes);
            return new ChunkedText(text, Chunker.split(text, chunkSize, chunkOverlap));
        });
    }

    /** The text alone (no chunks), under the same limits and clock: what {@code POST /api/extractions} answers. */
    ExtractedText extract(DocumentType type, byte[] bytes) throws UnreadableDocumentException {
        return withinTimeout(() -> extractor.extract(type, bytes));
    }

    private <T> T withinTimeout(Callable<T> work) throws UnreadableDocumentException {
        Future<T> reading = readers.submit(work);
        try {
            return reading.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reading.cancel(true);
            throw new UnreadableDocumentException(ExtractionBudget.tooSlow(limits).getMessage(), e);
        } catch (InterruptedException e) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a document", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnreadableDocumentException unreadable) {
                throw unreadable;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            // An Error of the reader thread: retried like any other failure, then recorded on the document.
            throw new IllegalStateException("reading the document failed", e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
