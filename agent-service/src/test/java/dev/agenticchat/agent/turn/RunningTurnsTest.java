package dev.agenticchat.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.llm.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunningTurnsTest {
    private final RunningTurns running = new RunningTurns();

    @Test
    void stops_a_turn_only_for_the_tenant_and_user_it_belongs_to() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        try (RunningTurns.Registration registration = running.register(turn("thread-1", "tenant-a", "alice"), deadline)) {
            assertThat(running.cancel("thread-1", null, "tenant-a", "mallory")).isFalse();
            assertThat(running.cancel("thread-1", null, "tenant-b", "alice")).isFalse();
            assertThat(running.cancel("thread-2", null, "tenant-a", "alice")).isFalse();
            assertThat(deadline.isCancelled()).isFalse();

            assertThat(running.cancel("thread-1", null, "tenant-a", "alice")).isTrue();
            assertThat(deadline.isCancelled()).isTrue();
        }
    }

    @Test
    void forgets_a_turn_once_it_has_ended() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        running.register(turn("thread-1", "tenant-a", "alice"), deadline).close();

        assertThat(running.cancel("thread-1", null, "tenant-a", "alice")).isFalse();
        assertThat(deadline.isCancelled()).isFalse();
    }

    @Test
    void stops_only_the_turn_a_stop_names_so_a_late_stop_spares_the_next_turn() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        Turn next = turn("thread-1", "tenant-a", "alice");
        try (RunningTurns.Registration registration = running.register(next, deadline)) {
            assertThat(running.cancel("thread-1", UUID.randomUUID().toString(), "tenant-a", "alice")).isFalse();
            assertThat(deadline.isCancelled()).isFalse();
            assertThat(running.cancel("thread-1", next.id().toString(), "tenant-a", "alice")).isTrue();
        }
    }

    private static Turn turn(String threadId, String tenantId, String userId) {
        return new Turn(UUID.randomUUID(), UUID.randomUUID().toString(), threadId, tenantId, userId, "hi", Turn.RUNNING,
                UUID.randomUUID(), null, null, null, 0, 0, Instant.now(), null, null, null,
                null, null, null, null);
    }
}
