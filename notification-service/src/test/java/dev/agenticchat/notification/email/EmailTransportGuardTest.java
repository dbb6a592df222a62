package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailTransportGuardTest {
    private static final String FROM = "Chat <no-reply@example.com>";

    @Test
    void an_explicit_email_transport_wins_over_the_credentials() {
        assertThat(EmailTransport.choose("SMTP", "SG.key", "")).satisfies(choice -> {
            assertThat(choice.transport()).isEqualTo("smtp");
            assertThat(choice.explicit()).isTrue();
            assertThat(choice.reason()).contains("EMAIL_TRANSPORT");
        });
        assertThat(EmailTransport.choose("log", "SG.key", "smtp.example.com").transport()).isEqualTo("log");
    }

    @Test
    void without_email_transport_the_credentials_choose_and_sendgrid_wins_a_tie() {
        assertThat(EmailTransport.choose("", "SG.key", "").transport()).isEqualTo("sendgrid");
        assertThat(EmailTransport.choose(" ", " ", "smtp.example.com").transport()).isEqualTo("smtp");
        EmailTransport.Choice both = EmailTransport.choose(null, "SG.key", "smtp.example.com");
        assertThat(both.transport()).isEqualTo("sendgrid");
        assertThat(both.reason()).contains("both set").contains("EMAIL_TRANSPORT=smtp").doesNotContain("SG.key");
        EmailTransport.Choice none = EmailTransport.choose("", "", "");
        assertThat(none.transport()).isEqualTo("log");
        assertThat(none.explicit()).isFalse();
    }

    @Test
    void refuses_a_configuration_without_a_transport_outside_local_use() {
        assertThat(EmailTransportGuard.problem(EmailTransport.choose("", "", ""), false, "", "", FROM)).hasValueSatisfying(
                message -> assertThat(message).contains("No mail transport configured").contains("SENDGRID_API_KEY")
                        .contains("SMTP_HOST"));
        assertThat(EmailTransportGuard.problem(EmailTransport.choose("", "", ""), true, "", "", FROM)).isEmpty();
    }

    @Test
    void refuses_the_log_transport_outside_local_use() {
        assertThat(EmailTransportGuard.problem(EmailTransport.choose("log", "", ""), false, "", "", FROM)).hasValueSatisfying(
                message -> assertThat(message).contains("allowed only locally"));
        assertThat(EmailTransportGuard.problem(EmailTransport.choose("log", "", ""), true, "", "", FROM)).isEmpty();
    }

    @Test
    void needs_the_credentials_of_the_chosen_transport_and_a_sender() {
        assertThat(problem("sendgrid", "", "", FROM)).hasValueSatisfying(message -> assertThat(message).contains("SENDGRID_API_KEY"));
        assertThat(problem("smtp", "", "", FROM)).hasValueSatisfying(message -> assertThat(message).contains("SMTP_HOST"));
        assertThat(problem("smtp", "", "smtp.example.com", "")).hasValueSatisfying(message -> assertThat(message).contains("EMAIL_FROM"));
        assertThat(problem("pigeon", "", "", FROM)).hasValueSatisfying(message -> assertThat(message).contains("pigeon"));
        assertThat(problem("sendgrid", "SG.key", "", FROM)).isEmpty();
        assertThat(problem("smtp", "", "smtp.example.com", FROM)).isEmpty();
        assertThat(problem("", "SG.key", "", FROM)).isEmpty();
        assertThat(problem("", "", "smtp.example.com", FROM)).isEmpty();
    }

    @Test
    void locally_an_smtp_transport_without_a_host_talks_to_a_local_mail_catcher() {
        assertThat(EmailTransportGuard.problem(EmailTransport.choose("smtp", "", ""), true, "", "", FROM)).isEmpty();
    }

    private static java.util.Optional<String> problem(String transport, String sendGridApiKey, String smtpHost, String from) {
        return EmailTransportGuard.problem(EmailTransport.choose(transport, sendGridApiKey, smtpHost), false, sendGridApiKey,
                smtpHost, from);
    }
}
