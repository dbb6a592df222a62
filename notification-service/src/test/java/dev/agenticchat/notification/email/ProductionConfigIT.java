package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prod configuration (application-prod.yml) refuses to run without a transport that really sends mail. */
class ProductionConfigIT {
    @Test
    void refuses_to_start_in_production_without_a_mail_transport() {
        assertThatThrownBy(() -> start(Map.of())).hasStackTraceContaining("No mail transport configured");
    }

    @Test
    void refuses_to_start_in_production_without_an_otp_pepper() {
        assertThatThrownBy(() -> start(Map.of("notification.email.smtp.host", "smtp.example.com",
                "notification.otp.pepper", "")))
                .hasStackTraceContaining("OTP_PEPPER is not set");
    }

    @Test
    void refuses_an_smtp_transport_without_a_host_in_production() {
        assertThatThrownBy(() -> start(Map.of("notification.email.transport", "smtp")))
                .hasStackTraceContaining("EMAIL_TRANSPORT=smtp needs SMTP_HOST");
    }

    @Test
    void refuses_the_log_transport_in_production() {
        assertThatThrownBy(() -> start(Map.of("notification.email.transport", "log")))
                .hasStackTraceContaining("allowed only locally");
    }

    private static void start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(Map.of("notification.otp.pepper", "a-production-pepper"));
        all.putAll(properties);
        all.put("micronaut.server.port", -1);
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).environments("prod")
                .properties(all).start()) {
            context.getBean(EmailTransportGuard.class);
        }
    }
}
