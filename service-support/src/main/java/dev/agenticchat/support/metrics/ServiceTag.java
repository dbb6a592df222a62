package dev.agenticchat.support.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Every meter carries {@code service}: one dashboard reads six services, whatever their scrape jobs are called. */
@Factory
class ServiceTag {

    @Singleton
    MeterFilter serviceTag(@Value("${micronaut.application.name}") String service) {
        return MeterFilter.commonTags(java.util.List.of(io.micrometer.core.instrument.Tag.of("service", service)));
    }
}
