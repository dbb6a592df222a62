package dev.agenticchat.agent.summary;

import dev.agenticchat.agent.Interruptions;
import dev.agenticchat.agent.llm.LlmSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code agent.summaries.sweep-interval}, claims the threads that have been quiet for their
 * tenant's inactivity timeout and summarises them, up to {@code agent.summaries.concurrency} at
 * once. Every replica sweeps; the claims (SKIP LOCKED, with a lease) give each quiet period to
 * exactly one of them, and the unique (thread, period end) of a summary backs that up. A failure
 * gives the thread back with a growing pause and never stops the sweep.
 */
@Singleton
@Requires(property = "agent.summaries.enabled", notEquals = "false")
public class SummarySweeper {
    private static final Logger LOG = LoggerFactory.getLogger(SummarySweeper.class);
    private static final int MAX_ERROR_CHARS = 300;

    /** This worker process; claims name it. */
    final String worker = "agent-summaries-" + UUID.randomUUID();

    private final SummaryService summaryService;
    private final TenantTimeouts timeouts;
    private final SummaryWriter writer;
    private final SummarySettings settings;
    private final String modelName;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "summary-sweep");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService summarizers;

    SummarySweeper(SummaryService summaryService, TenantTimeouts timeouts, SummaryWriter writer, SummarySettings settings,
                   LlmSettings llm) {
        this.summaryService = summaryService;
        this.timeouts = timeouts;
        this.writer = writer;
        this.settings = settings;
        this.modelName = llm.getModel();
        AtomicInteger count = new AtomicInteger();
        this.summarizers = Executors.newFixedThreadPool(settings.getConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "summary-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener
    void onStartup(StartupEvent event) {
        long interval = settings.getSweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepSafely, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("summarising threads quiet for {} (or their tenant's timeout), sweeping every {}",
                settings.getInactivityTimeout(), settings.getSweepInterval());
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("summary sweep failed; trying again in {}: {}", settings.getSweepInterval(), e.toString());
        }
    }

    /** One sweep: returns how many summaries this worker wrote. */
    public int sweep() throws InterruptedException {
        int written = 0;
        for (SummaryService.PendingTenant tenant : summaryService.pendingTenants()) {
            Duration timeout = timeouts.of(tenant.tenantId(), tenant.userId());
            if (tenant.longestQuiet().compareTo(timeout) < 0) {
                continue;
            }
            List<SummaryService.ClaimedThread> claimed;
            while (!(claimed = summaryService.claim(tenant.tenantId(), timeout, worker, settings.getClaimLease(),
                    settings.getConcurrency())).isEmpty()) {
                written += summarizeAll(claimed);
            }
        }
        return written;
    }

    private int summarizeAll(List<SummaryService.ClaimedThread> claimed) throws InterruptedException {
        List<Future<Boolean>> running = new ArrayList<>();
        for (SummaryService.ClaimedThread thread : claimed) {
            running.add(summarizers.submit(() -> summarize(thread)));
        }
        int written = 0;
        for (Future<Boolean> result : running) {
            try {
                if (result.get()) {
                    written++;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("summary task failed: {}", e.getCause().toString());
            }
        }
        return written;
    }

    /** Summarises one claimed thread; false if nothing was written. Never throws: failures are retried later. */
    private boolean summarize(SummaryService.ClaimedThread thread) {
        try {
            List<SummaryService.Line> transcript = summaryService.transcript(thread, settings.getMaxTranscriptTurns());
            if (transcript.isEmpty()) {
                summaryService.skip(thread, worker);
                LOG.info("thread {}: quiet, but no stored turns to summarise", thread.threadId());
                return false;
            }
            SummaryWriter.Written written = writer.write(thread, transcript);
            Optional<String> eventId = summaryService.store(thread, worker, written.summary(), written.lead(), transcript.size(),
                    modelName);
            if (eventId.isEmpty()) {
                LOG.info("thread {}: its claim was lost or the period already summarised; nothing written", thread.threadId());
                return false;
            }
            LOG.info("thread {}: summarised {} messages (event {})", thread.threadId(), transcript.size(), eventId.get());
            return true;
        } catch (RuntimeException e) {
            Duration backoff = settings.backoffAfter(thread.attempts());
            LOG.warn("thread {}: summary attempt {} failed ({}); retrying in {}", thread.threadId(), thread.attempts(),
                    Interruptions.isInterruption(e) ? "interrupted" : brief(e), backoff);
            try {
                summaryService.release(thread, worker, backoff);
            } catch (RuntimeException released) {
                LOG.warn("thread {}: could not give the thread back; its claim expires instead: {}", thread.threadId(),
                        released.toString());
            }
            return false;
        }
    }

    /** What failed, short: a provider's error body can be long, and the transcript never belongs in a log. */
    private static String brief(RuntimeException error) {
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
    }

    @PreDestroy
    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        summarizers.shutdownNow();
        summarizers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
