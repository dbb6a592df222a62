package dev.agenticchat.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SseMcpTransportTest {

    @Test
    void an_endpoint_is_on_the_sse_urls_origin_only_when_scheme_host_and_port_all_match() {
        URI sse = URI.create("https://Orders.example.com/sse");
        assertThat(SseMcpTransport.sameOrigin(sse, sse.resolve("/messages?session=1"))).isTrue();
        assertThat(SseMcpTransport.sameOrigin(sse, URI.create("https://orders.example.com:443/messages"))).isTrue();
        assertThat(SseMcpTransport.sameOrigin(sse, URI.create("http://orders.example.com/messages"))).isFalse();
        assertThat(SseMcpTransport.sameOrigin(sse, URI.create("https://orders.example.com:8443/messages"))).isFalse();
        assertThat(SseMcpTransport.sameOrigin(sse, sse.resolve("//169.254.169.254/latest"))).isFalse();
        assertThat(SseMcpTransport.sameOrigin(sse, sse.resolve("http://10.0.0.5/messages"))).isFalse();
    }
}
