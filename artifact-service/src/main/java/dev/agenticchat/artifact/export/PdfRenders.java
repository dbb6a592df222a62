package dev.agenticchat.artifact.export;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PDF renders on threads of their own, at most {@code artifact.pdf.max-concurrent} at once, each
 * abandoned after {@code artifact.pdf.timeout} (both in {@link PdfSettings}). A render is CPU and memory
 * heavy and its time grows with the artifact, so without a bound a handful of large exports would take
 * the service's cores.
 *
 * <p>A request that finds every slot taken is refused at once ({@link PdfBusy}) rather than queued:
 * a normal render takes well under a second, so retrying is cheap, while a queue would hold a request
 * thread per waiter and make the wait unpredictable. A render past its deadline is interrupted and the
 * request answered ({@link PdfTooSlow}); openhtmltopdf does not check for interrupts, so the thread may
 * run on to the end of the layout, and its slot stays taken until it really stops: the limit bounds the
 * renders that run, not only the ones a client still waits for.
 */
@Singleton
class PdfRenders {
    private static final Logger LOG = LoggerFactory.getLogger(PdfRenders.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final PdfRenderer renderer;
    private final Semaphore slots;
    private final Duration timeout;
    private final ExecutorService threads;

    PdfRenders(PdfRenderer renderer, PdfSettings settings) {
        if (settings.maxConcurrent() < 1) {
            throw new IllegalArgumentException("artifact.pdf.max-concurrent must be at least 1, was " + settings.maxConcurrent());
        }
        this.renderer = renderer;
        this.slots = new Semaphore(settings.maxConcurrent());
        this.timeout = settings.timeout();
        this.threads = Executors.newCachedThreadPool(named("pdf-render-"));
    }

    byte[] render(String xhtml) {
        if (!slots.tryAcquire()) {
            throw new PdfBusy(RETRY_AFTER);
        }
        // Whoever sets this first owns the slot's release: the render when it starts, or the caller giving
        // up on a render that never started (a cancelled task does not run, so its finally would not).
        AtomicBoolean claimed = new AtomicBoolean();
        Future<byte[]> render;
        try {
            render = threads.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return renderer.render(xhtml);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        try {
            return render.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(render, claimed);
            LOG.warn("PDF render abandoned after {} ms", timeout.toMillis());
            throw new PdfTooSlow(timeout);
        } catch (InterruptedException e) {
            abandon(render, claimed);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a PDF render", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("PDF render failed", e.getCause());
        }
    }

    private void abandon(Future<byte[]> render, AtomicBoolean claimed) {
        if (claimed.compareAndSet(false, true)) {
            slots.release();
        }
        render.cancel(true);
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }

    /** Daemon threads: an abandoned render still running must not keep the JVM from stopping. */
    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
