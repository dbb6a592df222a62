package dev.agenticchat.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's outbox as a scrape sees it: rows not yet relayed, and how long the oldest has
 * waited (0 when it is empty). One query per scrape at most (both gauges share it for a second),
 * nothing on the path that writes or relays events. The data source is looked up at the first
 * scrape, so metrics change nothing in how the service starts.
 */
@Singleton
@Requires(beans = DataSource.class)
@Requires(property = "outbox.relay.enabled", notEquals = "false")
class OutboxMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMetrics.class);
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String QUERY = """
            SELECT (SELECT count(*) FROM outbox), (SELECT occurred_at FROM outbox ORDER BY id LIMIT 1), now()""";

    private final BeanProvider<DataSource> dataSources;
    private volatile Reading last = new Reading(0, 0, Long.MIN_VALUE);

    private record Reading(double rows, double lagSeconds, long readAt) {
    }

    OutboxMetrics(BeanProvider<DataSource> dataSources) {
        this.dataSources = dataSources;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("agentic.outbox.backlog", this, metrics -> metrics.reading().rows())
                .description("Outbox rows written and not yet relayed to Kafka")
                .baseUnit("rows")
                .register(registry);
        TimeGauge.builder("agentic.outbox.relay.lag", this, TimeUnit.SECONDS, metrics -> metrics.reading().lagSeconds())
                .description("Age of the oldest outbox row not yet relayed (0: none waits)")
                .register(registry);
    }

    private Reading reading() {
        Reading reading = last;
        long now = System.nanoTime();
        if (reading.readAt() != Long.MIN_VALUE && now - reading.readAt() < FRESH_NANOS) {
            return reading;
        }
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSources.get()).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(QUERY)) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            double lag = oldest == null ? 0 : Math.max(0, (rs.getTimestamp(3).getTime() - oldest.getTime()) / 1000.0);
            reading = new Reading(rs.getLong(1), lag, now);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("outbox metrics unavailable: {}", e.toString());
            reading = new Reading(Double.NaN, Double.NaN, now);
        }
        last = reading;
        return reading;
    }
}
