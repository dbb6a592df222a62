package dev.agenticchat.agent.seranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000;
    private final AtomicLong clock = new AtomicLong(5_000 * MS);
    private final TokenBucket bucket = new TokenBucket(10, clock::get);

    @Test
    void lets_a_burst_of_the_rate_through_at_once_then_spaces_requests_a_tenth_of_a_second_apart() {
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.reserve()).isZero();
        }
        assertThat(bucket.reserve()).isEqualTo(100 * MS);
        assertThat(bucket.reserve()).isEqualTo(200 * MS);
        assertThat(bucket.reserve()).isEqualTo(300 * MS);
    }

    @Test
    void refills_with_time_up_to_its_capacity() {
        for (int i = 0; i < 12; i++) {
            bucket.reserve();
        }
        clock.addAndGet(250 * MS);
        // Two tokens owed, 2.5 earned back: half a token left, so the next request waits 50 ms.
        assertThat(bucket.reserve()).isEqualTo(50 * MS);

        clock.addAndGet(60_000 * MS);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.reserve()).isZero();
        }
        assertThat(bucket.reserve()).isPositive();
    }
}
