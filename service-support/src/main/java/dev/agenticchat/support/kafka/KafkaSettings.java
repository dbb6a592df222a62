package dev.agenticchat.support.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/** {@code kafka.*} configuration: bootstrap servers plus any client property an operator adds (security, SASL...). */
@ConfigurationProperties("kafka")
public class KafkaSettings {
    private String bootstrapServers = "127.0.0.1:9092";
    private Map<String, String> client = new HashMap<>();

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

    public Properties baseProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(client);
        return props;
    }
}
