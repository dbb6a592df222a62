package dev.agenticchat.notification.otp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIpsTest {
    @Test
    void keeps_an_ipv4_address_as_it_is() {
        assertThat(ClientIps.normalize(" 203.0.113.7 ")).contains("203.0.113.7");
        assertThat(ClientIps.normalize("::ffff:203.0.113.7")).contains("203.0.113.7");
    }

    @Test
    void counts_an_ipv6_client_by_its_64_network() {
        assertThat(ClientIps.normalize("2001:DB8:0:42:1:2:3:4")).contains("2001:db8:0:42::/64");
        assertThat(ClientIps.normalize("2001:db8::42:99")).isEqualTo(ClientIps.normalize("2001:db8::1"));
        assertThat(ClientIps.normalize("2001:db8:0:43::1")).isNotEqualTo(ClientIps.normalize("2001:db8:0:42::1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "localhost", "300.1.1.1", "1.2.3", "fe80::1%eth0", "1.2.3.4:8080"})
    void refuses_what_is_not_an_ip_literal(String raw) {
        assertThat(ClientIps.normalize(raw)).isEmpty();
    }
}
