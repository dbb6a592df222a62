package dev.agenticchat.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    @Test
    void loopback_private_link_local_shared_and_reserved_addresses_are_not_public() throws UnknownHostException {
        for (String address : List.of("127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1",
                "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "192.0.0.170",
                "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1",
                "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1")) {
            assertThat(AddressPolicy.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void public_addresses_are() throws UnknownHostException {
        for (String address : List.of("93.184.215.14", "8.8.8.8", "100.128.0.1", "172.32.0.1", "192.0.2.1", "2606:4700::1111",
                "::ffff:8.8.8.8")) {
            assertThat(AddressPolicy.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void the_setting_lets_private_addresses_through() {
        McpSettings settings = new McpSettings();
        AddressPolicy policy = new AddressPolicy(settings);
        URI loopback = URI.create("http://127.0.0.1:8082/mcp");
        assertThatThrownBy(() -> policy.check(loopback)).isInstanceOf(AddressPolicy.RefusedAddressException.class)
                .hasMessageContaining("resolves to a loopback, private, link-local or metadata address")
                .hasMessageContaining("agent.mcp.allow-private-addresses (AGENT_MCP_ALLOW_PRIVATE_ADDRESSES)");
        assertThatThrownBy(() -> policy.check(URI.create("http://[::1]/mcp")))
                .isInstanceOf(AddressPolicy.RefusedAddressException.class);
        assertThatCode(() -> policy.check(URI.create("http://93.184.215.14/mcp"))).doesNotThrowAnyException();

        settings.setAllowPrivateAddresses(true);
        assertThatCode(() -> policy.check(loopback)).doesNotThrowAnyException();
    }
}
