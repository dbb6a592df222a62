package dev.agenticchat.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityGroupTest {

    @Test
    void each_service_reads_identity_events_in_a_group_of_its_own_unless_told_otherwise() {
        assertThat(IdentityEventsListener.groupOf("chat-service", "")).isEqualTo("chat-service-identity");
        assertThat(IdentityEventsListener.groupOf("artifact-service", null)).isEqualTo("artifact-service-identity");
        assertThat(IdentityEventsListener.groupOf("chat-service", "private-it-group")).isEqualTo("private-it-group");
    }
}
