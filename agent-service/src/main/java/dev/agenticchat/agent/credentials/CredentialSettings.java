package dev.agenticchat.agent.credentials;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Map;

/**
 * {@code agent.credentials.*}: the keys provider credentials are sealed with. {@code keys} maps a
 * key id to a base64 AES-256 key (32 bytes); {@code active-key-id} names the one new writes use,
 * and every {@code rotation-interval} each replica re-seals, {@code rotation-batch-size} rows per
 * transaction, what an older key sealed. As environment variables: {@code AGENT_CREDENTIALS_KEYS_<ID>}
 * (an id of lower-case letters and digits), {@code AGENT_CREDENTIALS_ACTIVE_KEY_ID};
 * application.yml reads the key {@code local} from {@code AGENT_CREDENTIALS_KEY}.
 */
@ConfigurationProperties("agent.credentials")
public class CredentialSettings {
    /**
     * The key application.yml falls back to for the id {@code local}. It is in the repository, so
     * anyone can open what it sealed: fit for one machine only.
     */
    public static final String LOCAL_DEVELOPMENT_KEY = "DIE6B8YJ7PZ0iMLLkRQcQJHYA6h7M8lQiAfrhogpAkw=";

    private Map<String, String> keys = Map.of();
    @Nullable
    private String activeKeyId;
    private Duration rotationInterval = Duration.ofMinutes(10);
    private int rotationBatchSize = 100;

    public Map<String, String> getKeys() {
        return keys;
    }

    public void setKeys(Map<String, String> keys) {
        this.keys = Map.copyOf(keys);
    }

    @Nullable
    public String getActiveKeyId() {
        return activeKeyId;
    }

    public void setActiveKeyId(@Nullable String activeKeyId) {
        this.activeKeyId = activeKeyId;
    }

    public Duration getRotationInterval() {
        return rotationInterval;
    }

    public void setRotationInterval(Duration rotationInterval) {
        this.rotationInterval = rotationInterval;
    }

    public int getRotationBatchSize() {
        return rotationBatchSize;
    }

    public void setRotationBatchSize(int rotationBatchSize) {
        this.rotationBatchSize = rotationBatchSize;
    }
}
