package dev.agenticchat.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Consumer lag per group, read on scrape from the consumers' own fetch metrics (the records
 * between a partition's position and its end at the last fetch, summed over the partitions and
 * the consumers of the group in this process), and records parked on a dead-letter topic.
 * Broadcast consumers (no group: every partition on every instance) are one {@code broadcast} group, so restarts do not
 * leave a series behind each.
 */
@Singleton
public class KafkaMetrics {
    public static final String BROADCAST = "broadcast";

    private final MeterRegistry registry;
    private final Map<String, CopyOnWriteArrayList<Supplier<Map<MetricName, ? extends Metric>>>> groups =
            new ConcurrentHashMap<>();

    KafkaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Reports the lag of a consumer under its group; {@code metrics} is the KafkaConsumer's, read from any thread. */
    public void watch(String group, Supplier<Map<MetricName, ? extends Metric>> metrics) {
        groups.computeIfAbsent(group, name -> {
            CopyOnWriteArrayList<Supplier<Map<MetricName, ? extends Metric>>> consumers = new CopyOnWriteArrayList<>();
            Gauge.builder("agentic.kafka.consumer.lag", consumers, KafkaMetrics::lag)
                    .description("Records not yet consumed by the group's consumers in this process, at their last fetch")
                    .baseUnit("records")
                    .tag("group", name)
                    .register(registry);
            return consumers;
        }).add(metrics);
    }

    public void deadLettered(String topic, String group) {
        Counter.builder("agentic.kafka.dead.lettered")
                .description("Records parked on <topic>.dlq after their handler kept failing")
                .baseUnit("records")
                .tag("topic", topic)
                .tag("group", group)
                .register(registry)
                .increment();
    }

    private static double lag(CopyOnWriteArrayList<Supplier<Map<MetricName, ? extends Metric>>> consumers) {
        double sum = 0;
        for (Supplier<Map<MetricName, ? extends Metric>> consumer : consumers) {
            for (Map.Entry<MetricName, ? extends Metric> metric : consumer.get().entrySet()) {
                MetricName name = metric.getKey();
                if ("records-lag".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
                        && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                    sum += value;
                }
            }
        }
        return sum;
    }
}
