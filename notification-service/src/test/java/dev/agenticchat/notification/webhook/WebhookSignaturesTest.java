package dev.agenticchat.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    @Test
    void signs_the_standard_webhooks_reference_example() {
        assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void makes_secrets_of_24_random_bytes_behind_whsec() {
        String secret = WebhookSignatures.newSecret();
        assertThat(secret).startsWith("whsec_").isNotEqualTo(WebhookSignatures.newSecret());
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(24);
    }
}
