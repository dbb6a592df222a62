package dev.agenticchat.support.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The shared identity protocol on a private identity topic, with a service's personal data that records what it is asked. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityEventsIT implements TestPropertyProvider {
    private final String topic = TestKafka.createTopic("support-identity-it", 1);

    @Inject
    RecordingPersonalData data;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("identity-it.enabled", "true",
                "agentic.identity.topic", topic,
                "agentic.identity.group", "support-identity-it-" + UUID.randomUUID());
    }

    @Test
    void an_erasure_reaches_the_personal_data_with_the_address_hash_and_is_confirmed_on_the_topic_it_came_from() throws Exception {
        String erasureId = UUID.randomUUID().toString();
        String tenant = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        String sha256 = "ab".repeat(32);
        byte[] erasure = ("{\"erasure_id\":\"" + erasureId + "\",\"tenant_id\":\"" + tenant + "\",\"user_ids\":[\"" + person
                + "\",\"" + session + "\"],\"email_sha256\":\"" + sha256 + "\",\"requested_at\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        try (TestKafka.Reader confirmations = new TestKafka.Reader(topic)) {
            TestKafka.send(topic, person, erasure, Map.of(
                    CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                    CloudEventHeaders.TYPE, ErasureRequested.TYPE,
                    CloudEventHeaders.SPEC_VERSION, "1.0",
                    CloudEventHeaders.TIME, Instant.now().toString(),
                    CloudEventHeaders.TENANT_ID, tenant));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    confirmations.withHeader(CloudEventHeaders.TYPE, ErasureCompleted.TYPE))
                    .anySatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                            .contains(erasureId).contains("\"service\":\"support-test\"")));
        }
        assertThat(data.erasures).containsExactly(new RecordingPersonalData.Erasure(tenant, List.of(person, session), sha256));
    }
}
