package dev.agenticchat.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.fixtures.GoldenSamples;
import dev.agenticchat.contracts.events.MessagePosted;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

/** The consumer side of the contract test: the golden MessagePosted reads into what the handler uses. */
class MessagePostedSampleTest {

    @Test
    void reads_the_golden_message_posted_sample() throws Exception {
        MessagePosted message = JsonMapper.createDefault().readValue(GoldenSamples.bytes(MessagePosted.TYPE), MessagePosted.class);

        assertThat(message.messageId()).isEqualTo("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        assertThat(message.threadId()).isEqualTo("3f6c2a1e-8b4d-4c7a-9e2f-5d1b0a7c8e94");
        assertThat(message.tenantId()).isNotBlank();
        assertThat(message.userId()).isNotBlank();
        assertThat(message.content()).startsWith("Chart our quarterly sales");
        assertThat(message.createdAt()).isNotNull();
    }
}
