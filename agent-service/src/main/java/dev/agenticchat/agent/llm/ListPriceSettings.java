package dev.agenticchat.agent.llm;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * A row of {@code agent.pricing.list-prices}: the providers' public list prices of common models,
 * shipped in application.yml. Operators correct or add prices in {@code agent.pricing.models}
 * ({@link ModelPriceSettings}), or replace this whole table in their own application.yml.
 */
@EachProperty(value = "agent.pricing.list-prices", list = true)
public class ListPriceSettings extends ModelPrice {
    public ListPriceSettings(@Parameter Integer index) {
        super(index);
    }

    @Override
    String table() {
        return "agent.pricing.list-prices";
    }
}
