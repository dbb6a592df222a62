package dev.agenticchat.support.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/** {@code kafka.*} configuration: bootstrap servers plus any client property an operator adds (security, SASL...). */
@ConfigurationProperties("kafka")
public class KafkaSettings {
    private String bootstrapServers = "127.0.0.1:9092";
    private Map<String, String> client = new HashMap<>();
    private Duration producerLinger = Duration.ZERO;

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Extra client properties applied to every producer and consumer, e.g. {@code security.protocol}. */
    public Map<String, String> getClient() {
        return client;
    }

    public void setClient(Map<String, String> client) {
        this.client = client;
    }

    /**
     * How long the producer waits for more records before it sends a batch ({@code linger.ms}).
     * An event sent with {@link EventPublisher#publishNow} does not wait. 0 by default: every event
     * of a turn's critical path (the message to the agent worker through the outbox relay) would
     * wait this long on an idle producer, and 2 ms everywhere cost a single turn about 4 ms to its
     * first delta. agent-service lingers 5 ms: a turn's deltas after the first are batched across
     * turns, and what a client waits for is sent now (README, Configuration).
     */
    public Duration getProducerLinger() {
        return producerLinger;
    }

    public void setProducerLinger(Duration producerLinger) {
        this.producerLinger = producerLinger;
    }

    public Properties baseProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(client);
        return props;
    }
}
