package dev.agenticchat.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void blanks_api_keys_and_bearer_tokens() {
        assertThat(Redactor.redact("my key is sk-proj-AbC123dEf456GhI789 ok"))
                .isEqualTo("my key is [redacted] ok");
        assertThat(Redactor.redact("anthropic: sk-ant-api03-AAAAbbbbCCCCdddd-x_y"))
                .isEqualTo("anthropic: [redacted]");
        assertThat(Redactor.redact("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl"))
                .isEqualTo("Authorization: Bearer [redacted]");
        assertThat(Redactor.redact("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl in a sentence"))
                .doesNotContain("eyJ");
        assertThat(Redactor.redact("x-api-key: abcdef0123456789")).isEqualTo("x-api-key: [redacted]");
        assertThat(Redactor.redact("AWS AKIAABCDEFGHIJKLMNOP")).isEqualTo("AWS [redacted]");
    }

    @Test
    void blanks_secrets_written_as_name_and_value_keeping_the_name() {
        assertThat(Redactor.redact("password=hunter2 and api_key=abc123, then more"))
                .isEqualTo("password=[redacted] and api_key=[redacted], then more");
        assertThat(Redactor.redact("{\"client_secret\": \"s3cr3t-value\"}")).isEqualTo("{\"client_secret\": \"[redacted]\"}");
        assertThat(Redactor.redact("https://x.example/cb?access_token=abc.def&next=1"))
                .isEqualTo("https://x.example/cb?access_token=[redacted]&next=1");
    }

    @Test
    void blanks_one_time_codes_and_any_standalone_run_of_six_to_eight_digits() {
        assertThat(Redactor.redact("My sign-in code is 482913.")).isEqualTo("My sign-in code is [redacted].");
        assertThat(Redactor.redact("OTP: 482 913")).isEqualTo("OTP: [redacted]");
        assertThat(Redactor.redact("the code 482-913 expired")).isEqualTo("the code [redacted] expired");
        assertThat(Redactor.redact("order 12345678 shipped")).isEqualTo("order [redacted] shipped");
    }

    @Test
    void keeps_what_is_not_a_secret() {
        String plain = "Call +44 20 7946 0958 about order 12345, total 1,234,567.50 or 1234567.89; "
                + "id 3f2a9c1e-1234-4567-89ab-123456789012; a 9-digit 123456789; sk-short; skill-level high.";
        assertThat(Redactor.redact(plain)).isEqualTo(plain);
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact("")).isEmpty();
    }
}
