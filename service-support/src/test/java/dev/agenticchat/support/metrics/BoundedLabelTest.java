package dev.agenticchat.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedLabelTest {

    @Test
    void keeps_the_first_values_and_calls_every_later_one_other() {
        BoundedLabel label = new BoundedLabel(2);

        assertThat(label.of("search_knowledge")).isEqualTo("search_knowledge");
        assertThat(label.of("mcp_crm_lookup")).isEqualTo("mcp_crm_lookup");
        assertThat(label.of("mcp_crm_update")).isEqualTo(BoundedLabel.OTHER);
        assertThat(label.of("search_knowledge")).as("a value kept stays kept").isEqualTo("search_knowledge");
    }

    @Test
    void cuts_long_values_and_names_missing_ones() {
        BoundedLabel label = new BoundedLabel(10);

        assertThat(label.of("x".repeat(500))).hasSize(64);
        assertThat(label.of(null)).isEqualTo("none");
        assertThat(label.of(" ")).isEqualTo("none");
    }
}
