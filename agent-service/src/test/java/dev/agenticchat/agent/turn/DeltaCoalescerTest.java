package dev.agenticchat.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeltaCoalescerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<Integer> seqs = new CopyOnWriteArrayList<>();

    private DeltaCoalescer coalescer(Duration interval) {
        return new DeltaCoalescer((seq, delta) -> {
            seqs.add(seq);
            published.add(delta);
        }, scheduler, interval);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void publishes_the_first_text_at_once_and_coalesces_what_follows_within_the_interval() {
        DeltaCoalescer deltas = coalescer(Duration.ofHours(1));
        deltas.append("Sure");
        deltas.append(" — I will");
        deltas.append(" do it.");

        assertThat(published).containsExactly("Sure");
        deltas.flush();
        assertThat(published).containsExactly("Sure", " — I will do it.");
        assertThat(seqs).containsExactly(0, 1);
    }

    @Test
    void publishes_buffered_text_when_the_interval_ends_without_a_flush() {
        DeltaCoalescer deltas = coalescer(Duration.ofMillis(30));
        deltas.append("a");
        deltas.append("b");

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(published).containsExactly("a", "b"));
    }

    @Test
    void starts_the_text_of_a_new_model_call_as_a_new_paragraph_and_returns_the_whole_text() {
        DeltaCoalescer deltas = coalescer(Duration.ZERO);
        deltas.append("I will create that chart.");
        deltas.newParagraph();
        deltas.append("Done.");

        assertThat(deltas.close()).isEqualTo("I will create that chart.\n\nDone.");
        assertThat(String.join("", published)).isEqualTo("I will create that chart.\n\nDone.");
    }

    @Test
    void ignores_text_streamed_after_it_was_closed() {
        DeltaCoalescer deltas = coalescer(Duration.ZERO);
        deltas.append("kept");
        deltas.close();
        deltas.append("late");

        assertThat(published).containsExactly("kept");
    }
}
