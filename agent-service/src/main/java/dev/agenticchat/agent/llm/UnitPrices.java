package dev.agenticchat.agent.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The prices of one model call in USD per thousand input and output tokens, and what its tokens cost at them. */
public record UnitPrices(BigDecimal inputPerThousandTokens, BigDecimal outputPerThousandTokens) {
    public static final UnitPrices FREE = new UnitPrices(BigDecimal.ZERO, BigDecimal.ZERO);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final int SCALE = 8;

    public BigDecimal cost(long inputTokens, long outputTokens) {
        BigDecimal total = inputPerThousandTokens.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerThousandTokens.multiply(BigDecimal.valueOf(outputTokens)));
        return plain(total.divide(THOUSAND, SCALE, RoundingMode.HALF_UP));
    }

    /** An amount without trailing zeros, in plain notation in JSON: 100 rather than 1E+2, 0.5 rather than 0.50000000. */
    public static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
