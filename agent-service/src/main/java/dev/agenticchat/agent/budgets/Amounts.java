package dev.agenticchat.agent.budgets;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/** Budget amounts as JSON and people read them: no trailing zeros, never in exponent notation. */
final class Amounts {
    private Amounts() {
    }

    static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code 10,000 tokens} or {@code 5.00 USD}. */
    static String describe(BigDecimal amount, String metric) {
        if (Budget.TOKENS.equals(metric)) {
            return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(amount) + " tokens";
        }
        BigDecimal plain = plain(amount);
        return plain.setScale(Math.max(2, plain.scale())).toPlainString() + " USD";
    }
}
