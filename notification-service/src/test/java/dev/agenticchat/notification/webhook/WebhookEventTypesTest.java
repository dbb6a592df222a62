package dev.agenticchat.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.BudgetThresholdReached;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallStarted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookEventTypesTest {
    @Test
    void offers_durable_outcomes_and_never_stream_events() {
        assertThat(WebhookEventTypes.DELIVERABLE).contains(TurnCompleted.TYPE, TurnFailed.TYPE, ArtifactCreated.TYPE)
                .doesNotContain(TextDelta.TYPE, TurnStarted.TYPE, ToolCallStarted.TYPE, MessagePosted.TYPE)
                .noneMatch(type -> type.contains("progress") || type.contains("started"));
    }

    @Test
    void offers_budget_alerts_and_reads_their_topic_by_default() {
        assertThat(WebhookEventTypes.DELIVERABLE).contains(BudgetThresholdReached.TYPE);
        assertThat(new WebhookSettings().getTopics()).contains(Topics.AGENT_BUDGETS, Topics.AGENT_EVENTS);
    }

    @Test
    void a_wildcard_subscription_still_gets_deliverable_types_only() {
        assertThat(WebhookEventTypes.subscribed(List.of("*"), ArtifactCreated.TYPE)).isTrue();
        assertThat(WebhookEventTypes.subscribed(List.of("*"), TextDelta.TYPE)).isFalse();
        assertThat(WebhookEventTypes.subscribed(List.of(TurnFailed.TYPE), TurnCompleted.TYPE)).isFalse();
    }
}
