package dev.agenticchat.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final String INGRESS = "10.1.2.3";

    private static ClientAddress trusting(String trustedProxies) {
        return new ClientAddress(new ClientAddressSettings(trustedProxies));
    }

    @Test
    void without_trusted_proxies_the_tcp_peer_is_the_client_whatever_the_header_says() {
        ClientAddress none = trusting("");
        assertThat(none.client(List.of(), "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(none.client(List.of("198.51.100.1"), "203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void one_trusted_hop_takes_the_address_the_ingress_appended_not_a_forged_leftmost_one() {
        ClientAddress one = trusting("1");
        assertThat(one.client(List.of("203.0.113.7"), INGRESS)).isEqualTo("203.0.113.7");
        assertThat(one.client(List.of("1.2.3.4", "203.0.113.7"), INGRESS)).isEqualTo("203.0.113.7");
        assertThat(one.client(List.of(), INGRESS)).as("no header: the peer").isEqualTo(INGRESS);
    }

    @Test
    void two_trusted_hops_skip_a_load_balancer_and_the_ingress() {
        ClientAddress two = trusting("2");
        assertThat(two.client(List.of("6.6.6.6", "203.0.113.7", "172.16.0.9"), INGRESS)).isEqualTo("203.0.113.7");
    }

    @Test
    void trusted_networks_skip_every_hop_inside_them_from_the_right() {
        ClientAddress cidrs = trusting("10.0.0.0/8, 172.16.0.0/12, fd00::/8");
        assertThat(cidrs.client(List.of("6.6.6.6", "203.0.113.7", "172.16.0.9"), INGRESS)).isEqualTo("203.0.113.7");
        assertThat(cidrs.client(List.of("10.9.9.9", "203.0.113.7"), "fd00::5")).isEqualTo("203.0.113.7");
        assertThat(cidrs.client(List.of("6.6.6.6"), "198.51.100.1")).as("a peer outside them is the client").isEqualTo("198.51.100.1");
        assertThat(cidrs.client(List.of("10.0.0.1"), INGRESS)).as("all trusted: the left-most").isEqualTo("10.0.0.1");
    }

    @Test
    void a_hop_that_is_not_an_address_counts_as_the_proxy_that_reported_it() {
        assertThat(trusting("1").client(List.of("<script>", "unknown"), INGRESS)).isEqualTo(INGRESS);
        assertThat(trusting("10.0.0.0/8").client(List.of("unknown"), INGRESS)).isEqualTo(INGRESS);
    }

    @Test
    void refuses_a_setting_that_is_neither_a_count_nor_cidrs() {
        assertThatThrownBy(() -> trusting("proxy.example.com")).hasMessageContaining("GATEWAY_TRUSTED_PROXIES");
        assertThatThrownBy(() -> trusting("10.0.0.0/33")).hasMessageContaining("prefix");
    }

    @Test
    void limits_count_an_ipv6_client_by_its_64_network() {
        assertThat(ClientAddress.limitKey("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.limitKey("2001:db8:1:2:bbbb::9"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
