package dev.agenticchat.notification.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/", "http://172.16.0.1/",
            "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/", "http://0.0.0.0/",
            "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/"})
    void refuses_targets_inside_private_networks(String url) {
        assertThatThrownBy(() -> TargetPolicy.check(TargetPolicy.parse(url), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> TargetPolicy.check(TargetPolicy.parse(url), true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://[2606:4700::1111]/hook"})
    void accepts_public_addresses(String url) {
        assertThatCode(() -> TargetPolicy.check(TargetPolicy.parse(url), false)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/", "https://user:pw@93.184.216.34/", "not a url", "/relative"})
    void refuses_what_is_not_a_plain_http_url(String url) {
        assertThatThrownBy(() -> TargetPolicy.check(TargetPolicy.parse(url), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
