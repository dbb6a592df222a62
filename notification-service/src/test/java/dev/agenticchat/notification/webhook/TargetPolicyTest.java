package dev.agenticchat.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {
    private static final HostResolver SYSTEM = new SystemHostResolver();

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://127.8.9.10/", "http://localhost/hook", "http://10.1.2.3/",
            "http://172.16.0.1/", "http://172.31.255.254/", "http://192.168.1.1/", "http://[::1]/", "http://[fd00::1]/",
            "http://[fc12:3456::1]/"})
    void refuses_loopback_and_private_targets_unless_private_targets_are_allowed(String url) {
        assertThatThrownBy(() -> vet(url, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback or private");
        assertThat(vet(url, true)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://169.254.169.254/latest/meta-data", "http://169.254.0.1/",       // link-local, cloud metadata
            "http://[fd00:ec2::254]/latest/meta-data",                              // EC2 metadata over IPv6
            "http://[fe80::1]/", "http://[febf:ffff::1]/",                          // IPv6 link-local fe80::/10
            "http://[64:ff9b::127.0.0.1]/", "http://[64:ff9b::a00:1]/",            // NAT64 of loopback, of 10.0.0.1
            "http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b::c0a8:101]/",         // NAT64 of 169.254.169.254, 192.168.1.1
            "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/", "http://[2002:c0a8:101::]/", // 6to4 of the same
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:8.8.8.8]/", "http://[0:0:0:0:0:ffff:7f00:1]/",          // IPv4-mapped, whatever it maps
            "http://[::127.0.0.1]/",                                                // IPv4-compatible
            "http://198.18.0.1/", "http://198.19.255.255/",                         // benchmarking 198.18.0.0/15
            "http://0.0.0.0/", "http://0.1.2.3/", "http://[::]/",                   // "this network", unspecified
            "http://100.64.0.1/", "http://100.127.255.254/",                        // shared address space
            "http://224.0.0.1/", "http://239.255.255.250/", "http://[ff02::1]/",    // multicast
            "http://255.255.255.255/", "http://240.0.0.1/",                         // broadcast, reserved
            "http://[2001::1]/"})                                                   // Teredo
    void refuses_link_local_metadata_embedded_reserved_and_multicast_targets_even_when_private_targets_are_allowed(String url) {
        assertThatThrownBy(() -> vet(url, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vet(url, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://[2606:4700::1111]/hook", "http://100.63.255.255/",
            "http://100.128.0.1/", "http://172.32.0.1/", "http://198.20.0.1/", "http://[64:ff9b::808:808]/",
            "http://[2002:808:808::1]/"})
    void accepts_public_addresses_including_nat64_and_6to4_forms_of_public_ones(String url) {
        assertThat(vet(url, false)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/", "https://user:pw@93.184.216.34/", "not a url", "/relative"})
    void refuses_what_is_not_a_plain_http_url(String url) {
        assertThatThrownBy(() -> vet(url, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_a_host_name_that_resolves_to_a_metadata_address_even_when_private_targets_are_allowed() {
        HostResolver dns = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})};

        assertThatThrownBy(() -> TargetPolicy.vet(TargetPolicy.parse("https://hooks.example.test/x"), true, dns))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
    }

    @Test
    void refuses_a_host_name_when_any_of_its_addresses_is_private() {
        HostResolver dns = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})};

        assertThatThrownBy(() -> TargetPolicy.vet(TargetPolicy.parse("https://hooks.example.test/x"), false, dns))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private");
    }

    @Test
    void resolves_the_host_once_and_answers_the_address_it_vetted() throws UnknownHostException {
        List<String> asked = new ArrayList<>();
        InetAddress vetted = InetAddress.getByAddress("hooks.example.test", new byte[] {93, (byte) 184, (byte) 216, 34});
        HostResolver dns = host -> {
            asked.add(host);
            return new InetAddress[] {vetted};
        };

        assertThat(TargetPolicy.vet(TargetPolicy.parse("https://hooks.example.test/x"), false, dns)).isSameAs(vetted);
        assertThat(asked).containsExactly("hooks.example.test");
    }

    private static InetAddress vet(String url, boolean allowPrivate) {
        return TargetPolicy.vet(TargetPolicy.parse(url), allowPrivate, SYSTEM);
    }
}
