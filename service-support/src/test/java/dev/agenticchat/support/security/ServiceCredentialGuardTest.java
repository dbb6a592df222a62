package dev.agenticchat.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceCredentialGuardTest {
    @Test
    void a_deployed_service_refuses_to_start_with_the_development_default_or_without_a_credential() {
        assertThatThrownBy(() -> ServiceCredentialGuard.check(ServiceCredentials.LOCAL_DEFAULT, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("local development default");
        assertThatThrownBy(() -> ServiceCredentialGuard.check(" ", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not set");
        assertThatCode(() -> ServiceCredentialGuard.check("a-long-random-secret-of-our-own", true)).doesNotThrowAnyException();
    }

    @Test
    void on_a_developers_machine_the_default_only_warns() {
        assertThatCode(() -> ServiceCredentialGuard.check(ServiceCredentials.LOCAL_DEFAULT, false)).doesNotThrowAnyException();
        assertThat(ServiceCredentialGuard.problem(ServiceCredentials.LOCAL_DEFAULT, false)).isPresent();
    }

    @Test
    void the_credential_is_accepted_only_on_its_paths() {
        ServiceCredentials credentials = new ServiceCredentials();
        assertThat(credentials.acceptedOn("/api/threads")).as("everywhere by default").isTrue();
        credentials.setPaths(java.util.List.of("/internal/"));
        assertThat(credentials.acceptedOn("/internal/users/1")).isTrue();
        assertThat(credentials.acceptedOn("/api/me")).isFalse();
        assertThat(credentials.acceptedOn("/internalx")).isFalse();
    }
}
