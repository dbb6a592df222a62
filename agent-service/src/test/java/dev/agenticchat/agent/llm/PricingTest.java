package dev.agenticchat.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingTest {
    private static final ModelTarget ANY_MODEL = new ModelTarget(Providers.OPENAI, "any-model", null);

    @Test
    void prices_input_and_output_tokens_per_thousand() {
        LlmSettings settings = new LlmSettings();
        settings.setInputPricePerThousandTokens(new BigDecimal("0.5"));
        settings.setOutputPricePerThousandTokens(new BigDecimal("1.5"));

        assertThat(new Pricing(settings, List.of(), List.of()).of(ANY_MODEL).cost(1500, 500)).isEqualByComparingTo("1.5");
        assertThat(new Pricing(settings, List.of(), List.of()).of(ANY_MODEL).cost(1, 0).toPlainString()).isEqualTo("0.0005");
    }

    @Test
    void costs_nothing_at_the_default_prices() {
        assertThat(new Pricing(new LlmSettings(), List.of(), List.of()).of(ANY_MODEL).cost(1500, 500)).isEqualByComparingTo("0");
    }

    @Test
    void rounds_half_up_to_eight_decimals_and_writes_amounts_plainly() {
        UnitPrices prices = new UnitPrices(new BigDecimal("0.00015"), new BigDecimal("0.0006"));

        assertThat(prices.cost(1, 0).toPlainString()).isEqualTo("0.00000015");
        assertThat(new UnitPrices(new BigDecimal("0.000015"), BigDecimal.ZERO).cost(1, 0).toPlainString())
                .isEqualTo("0.00000002");
        assertThat(new UnitPrices(new BigDecimal("0.000004"), BigDecimal.ZERO).cost(1, 0).toPlainString()).isEqualTo("0");
        assertThat(new UnitPrices(new BigDecimal("100"), BigDecimal.ZERO).cost(1000, 0).toPlainString()).isEqualTo("100");
        assertThat(UnitPrices.plain(new BigDecimal("2.5000000000")).toPlainString()).isEqualTo("2.5");
    }

    @Test
    void the_agents_own_prices_come_first_then_the_table_for_its_provider_and_model_then_the_default() {
        LlmSettings settings = new LlmSettings();
        settings.setInputPricePerThousandTokens(new BigDecimal("0.01"));
        settings.setOutputPricePerThousandTokens(new BigDecimal("0.02"));
        Pricing pricing = new Pricing(settings, List.of(row(0, Providers.ANTHROPIC, "claude-sonnet-4-5", "0.003", "0.015")),
                List.of(listed(0, Providers.OPENAI, "gpt-4o-mini", "0.00015", "0.0006"),
                        listed(1, Providers.ANTHROPIC, "claude-sonnet-4-5", "0.009", "0.009")));

        assertThat(pricing.of(new ModelTarget(Providers.OPENAI, "gpt-4o-mini", null)))
                .isEqualTo(new UnitPrices(new BigDecimal("0.00015"), new BigDecimal("0.0006")));
        assertThat(pricing.of(new ModelTarget(Providers.ANTHROPIC, "claude-sonnet-4-5", "sk-ant-own")))
                .as("the operator's table before the list prices").isEqualTo(new UnitPrices(new BigDecimal("0.003"), new BigDecimal("0.015")));
        assertThat(pricing.of(new ModelTarget(Providers.ANTHROPIC, "gpt-4o-mini", null)))
                .as("the table is per provider and model").isEqualTo(new UnitPrices(new BigDecimal("0.01"), new BigDecimal("0.02")));
        assertThat(pricing.of(new ModelTarget(Providers.OPENAI, "gpt-4o-mini", null).pricedAt(new BigDecimal("1"), new BigDecimal("2"))))
                .isEqualTo(new UnitPrices(new BigDecimal("1"), new BigDecimal("2")));
        assertThat(pricing.of(new ModelTarget(Providers.OPENAI, "gpt-4o-mini", null).pricedAt(new BigDecimal("1"), null)))
                .as("a price the agent leaves out is the table's").isEqualTo(new UnitPrices(new BigDecimal("1"), new BigDecimal("0.0006")));
        assertThat(pricing.of(new ModelTarget(Providers.OPENAI, "unlisted", null).pricedAt(null, new BigDecimal("3"))))
                .isEqualTo(new UnitPrices(new BigDecimal("0.01"), new BigDecimal("3")));
    }

    @Test
    void refuses_a_table_that_names_no_model_an_unknown_provider_or_a_model_twice() {
        LlmSettings settings = new LlmSettings();

        assertThatThrownBy(() -> new Pricing(settings, List.of(row(0, Providers.OPENAI, " ", "1", "1")), List.of()))
                .hasMessageContaining("agent.pricing.models[0].model");
        assertThatThrownBy(() -> new Pricing(settings, List.of(), List.of(listed(3, "mistral", "m", "1", "1"))))
                .hasMessageContaining("agent.pricing.list-prices[3].provider");
        assertThatThrownBy(() -> new Pricing(settings, List.of(row(0, Providers.OPENAI, "m", "1", "1"),
                row(1, Providers.OPENAI, "m", "2", "2")), List.of())).hasMessageContaining("agent.pricing.models[1]");
        assertThat(new Pricing(settings, List.of(row(0, Providers.OPENAI, "m", "1", "1")),
                List.of(listed(0, Providers.OPENAI, "m", "2", "2"))).of(new ModelTarget(Providers.OPENAI, "m", null)))
                .as("a model in both tables is no mistake: the operator's row wins").isEqualTo(
                        new UnitPrices(new BigDecimal("1"), new BigDecimal("1")));
    }

    private static ModelPriceSettings row(int index, String provider, String model, String input, String output) {
        return fill(new ModelPriceSettings(index), provider, model, input, output);
    }

    private static ListPriceSettings listed(int index, String provider, String model, String input, String output) {
        return fill(new ListPriceSettings(index), provider, model, input, output);
    }

    private static <T extends ModelPrice> T fill(T row, String provider, String model, String input, String output) {
        row.setProvider(provider);
        row.setModel(model);
        row.setInputPerThousandTokens(new BigDecimal(input));
        row.setOutputPerThousandTokens(new BigDecimal(output));
        return row;
    }
}
