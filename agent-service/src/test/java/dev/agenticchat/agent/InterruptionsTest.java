package dev.agenticchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.client.exceptions.HttpClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterruptionsTest {

    @AfterEach
    void clearTheInterruptStatus() {
        Thread.interrupted();
    }

    @Test
    void takes_an_error_caused_by_an_interrupted_wait_for_an_interruption() {
        RuntimeException error = new HttpClientException("request failed",
                new IllegalStateException("blocking read", new InterruptedException("sleep interrupted")));

        assertThat(Interruptions.isInterruption(error)).isTrue();
    }

    @Test
    void takes_any_error_on_an_interrupted_thread_for_an_interruption() {
        Thread.currentThread().interrupt();

        assertThat(Interruptions.isInterruption(new HttpClientException("connection closed"))).isTrue();
    }

    @Test
    void takes_an_ordinary_error_for_a_failure_and_lets_the_caller_handle_it() {
        RuntimeException error = new UncheckedIOException(new IOException("connection reset"));

        assertThat(Interruptions.isInterruption(error)).isFalse();
        assertThatCode(() -> Interruptions.propagate(error)).doesNotThrowAnyException();
    }

    @Test
    void raises_an_interruption_as_an_interrupted_exception_caused_by_the_error() {
        Thread.currentThread().interrupt();
        RuntimeException error = new HttpClientException("connection closed");

        assertThatThrownBy(() -> Interruptions.propagate(error))
                .isInstanceOf(InterruptedException.class)
                .hasCause(error);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void stops_at_a_cause_chain_that_loops() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(Interruptions.isInterruption(first)).isFalse();
    }
}
