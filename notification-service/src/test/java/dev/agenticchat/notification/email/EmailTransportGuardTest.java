package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailTransportGuardTest {
    private static final String FROM = "Chat <no-reply@example.com>";

    @Test
    void refuses_a_configuration_without_a_transport() {
        assertThat(EmailTransportGuard.problem("", false, "", "", FROM)).hasValueSatisfying(
                message -> assertThat(message).contains("EMAIL_TRANSPORT=sendgrid").contains("SMTP_HOST"));
    }

    @Test
    void refuses_the_log_transport_outside_local_use() {
        assertThat(EmailTransportGuard.problem("log", false, "", "", FROM)).hasValueSatisfying(
                message -> assertThat(message).contains("allowed only locally"));
        assertThat(EmailTransportGuard.problem("log", true, "", "", FROM)).isEmpty();
    }

    @Test
    void needs_the_credentials_of_the_chosen_transport_and_a_sender() {
        assertThat(EmailTransportGuard.problem("sendgrid", false, "", "", FROM)).hasValueSatisfying(
                message -> assertThat(message).contains("SENDGRID_API_KEY"));
        assertThat(EmailTransportGuard.problem("smtp", false, "", "", FROM)).hasValueSatisfying(
                message -> assertThat(message).contains("SMTP_HOST"));
        assertThat(EmailTransportGuard.problem("smtp", false, "", "smtp.example.com", "")).hasValueSatisfying(
                message -> assertThat(message).contains("EMAIL_FROM"));
        assertThat(EmailTransportGuard.problem("pigeon", false, "", "", FROM)).hasValueSatisfying(
                message -> assertThat(message).contains("pigeon"));
        assertThat(EmailTransportGuard.problem("sendgrid", false, "SG.key", "", FROM)).isEmpty();
        assertThat(EmailTransportGuard.problem("smtp", false, "", "smtp.example.com", FROM)).isEmpty();
    }
}
