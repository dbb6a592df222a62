package dev.agenticchat.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricingTest {

    @Test
    void prices_input_and_output_tokens_per_thousand() {
        LlmSettings settings = new LlmSettings();
        settings.setInputPricePerThousandTokens(new BigDecimal("0.5"));
        settings.setOutputPricePerThousandTokens(new BigDecimal("1.5"));

        assertThat(new Pricing(settings).cost(1500, 500)).isEqualByComparingTo("1.5");
        assertThat(new Pricing(settings).cost(1, 0).toPlainString()).isEqualTo("0.0005");
    }

    @Test
    void costs_nothing_at_the_default_prices() {
        assertThat(new Pricing(new LlmSettings()).cost(1500, 500)).isEqualByComparingTo("0");
    }
}
