package dev.agenticchat.support.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;

/** Every meter carries {@code service}: one dashboard reads six services, whatever their scrape jobs are called. */
@Factory
class ServiceTag {

    @Singleton
    MeterFilter serviceTag(@Value("${micronaut.application.name}") String service) {
        return MeterFilter.commonTags(List.of(Tag.of("service", service)));
    }
}
