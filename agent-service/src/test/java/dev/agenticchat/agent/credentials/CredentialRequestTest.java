package dev.agenticchat.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialRequestTest {
    @Test
    void never_prints_the_key() {
        assertThat(new CredentialRequest("sk-secret-value")).hasToString("CredentialRequest[apiKey=<redacted>]");
        assertThat(String.valueOf(new CredentialRequest(null))).isEqualTo("CredentialRequest[apiKey=null]");
    }
}
