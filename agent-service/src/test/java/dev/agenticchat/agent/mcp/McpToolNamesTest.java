package dev.agenticchat.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class McpToolNamesTest {
    private static final String VALID = "[a-zA-Z0-9_-]{1,64}";

    @Test
    void a_name_that_fits_is_the_servers_slug_and_the_tools_name() {
        assertThat(McpToolNames.of("order-desk", "lookup_order")).isEqualTo("order-desk__lookup_order");
    }

    @Test
    void other_characters_are_replaced_and_a_hash_keeps_names_apart_and_stable() {
        String dotted = McpToolNames.of("orders", "orders.lookup");
        String underscored = McpToolNames.of("orders", "orders_lookup");
        assertThat(dotted).matches(VALID).startsWith("orders__orders_lookup_").isNotEqualTo(underscored);
        assertThat(McpToolNames.of("orders", "orders.lookup")).isEqualTo(dotted);
        assertThat(McpToolNames.of("orders", "commande/récupérer")).matches(VALID).startsWith("orders__commande_r_cup_rer_");
    }

    @Test
    void a_long_name_is_cut_to_64_characters_deterministically() {
        String slug = "a-very-long-server-slug-that-takes-most-of-the-room";
        String first = McpToolNames.of(slug, "search_customers_by_every_field");
        String second = McpToolNames.of(slug, "search_customers_by_every_field_too");
        assertThat(first).matches(VALID).hasSize(64).isEqualTo(McpToolNames.of(slug, "search_customers_by_every_field"));
        assertThat(second).matches(VALID).hasSize(64).isNotEqualTo(first);
        assertThat(first.substring(0, 55)).isEqualTo(second.substring(0, 55));
    }
}
