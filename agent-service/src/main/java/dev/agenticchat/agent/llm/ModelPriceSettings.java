package dev.agenticchat.agent.llm;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * A row of the operator's price table {@code agent.pricing.models}, empty unless set: what the
 * operator pays for a provider's model, checked before the list prices shipped with the service.
 * Kept apart from them because configuration merges lists row by row: a row set here never
 * mixes with a shipped row of the same index.
 */
@EachProperty(value = "agent.pricing.models", list = true)
public class ModelPriceSettings extends ModelPrice {
    public ModelPriceSettings(@Parameter Integer index) {
        super(index);
    }

    @Override
    String table() {
        return "agent.pricing.models";
    }
}
