package dev.agenticchat.agent.llm;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** What a turn's tokens cost in USD, at the configured prices per thousand tokens. */
@Singleton
public class Pricing {
    public static final String CURRENCY = "USD";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final int SCALE = 8;

    private final BigDecimal inputPerThousand;
    private final BigDecimal outputPerThousand;

    Pricing(LlmSettings settings) {
        this.inputPerThousand = settings.getInputPricePerThousandTokens();
        this.outputPerThousand = settings.getOutputPricePerThousandTokens();
    }

    BigDecimal inputPerThousand() {
        return inputPerThousand;
    }

    BigDecimal outputPerThousand() {
        return outputPerThousand;
    }

    public BigDecimal cost(long inputTokens, long outputTokens) {
        BigDecimal total = inputPerThousand.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerThousand.multiply(BigDecimal.valueOf(outputTokens)));
        BigDecimal amount = total.divide(THOUSAND, SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        // Plain notation in JSON: 100 rather than 1E+2.
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }
}
