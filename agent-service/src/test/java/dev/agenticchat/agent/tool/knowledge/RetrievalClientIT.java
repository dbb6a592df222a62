package dev.agenticchat.agent.tool.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.agent.fixtures.RetrievalStandIn;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.http.client.HttpClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The retrieval-service client over real HTTP: hits, a vanished knowledge base, a service that is down. */
class RetrievalClientIT {
    private static final String TOKEN = "token-" + UUID.randomUUID();
    private final ToolContext context = new ToolContext(UUID.randomUUID(), "thread", "tenant", "user", List.of("kb"));

    @Test
    void returns_the_usable_hits_with_pages_below_one_dropped() throws Exception {
        try (RetrievalStandIn retrieval = RetrievalStandIn.start(TOKEN);
             HttpClient http = HttpClient.create(new URL(retrieval.url()))) {
            retrieval.answer("kb", new RetrievalStandIn.Hit("c1", "d1", "Handbook", 0, "Refunds take 14 days.", 0.8),
                    new RetrievalStandIn.Hit("c2", "d1", "Handbook", 2, " ", 0.7));

            List<Passage> passages = client(http).search("kb", "refunds", 3, context).orElseThrow();

            assertThat(passages).containsExactly(new Passage("c1", "d1", "Handbook", null, "Refunds take 14 days.", 0.8));
            assertThat(retrieval.searchesOf("kb")).singleElement().satisfies(request -> {
                assertThat(request.token()).isEqualTo(TOKEN);
                assertThat(request.tenant()).isEqualTo("tenant");
                assertThat(request.user()).isEqualTo("user");
                assertThat(request.body().toString())
                        .isEqualTo("{\"query\":\"refunds\",\"mode\":\"hybrid\",\"top_k\":3,\"min_score\":0.0}");
            });
        }
    }

    @Test
    void finds_nothing_in_a_knowledge_base_that_is_gone_and_fails_when_the_service_is_down() throws Exception {
        try (RetrievalStandIn retrieval = RetrievalStandIn.start(TOKEN);
             HttpClient http = HttpClient.create(new URL(retrieval.url()))) {
            assertThat(client(http).search("gone", "refunds", 3, context)).isEmpty();
        }
        try (HttpClient http = HttpClient.create(new URL("http://127.0.0.1:" + closedPort()))) {
            assertThatThrownBy(() -> client(http).search("kb", "refunds", 3, context))
                    .isInstanceOf(RetrievalClient.RetrievalUnavailableException.class)
                    .hasMessage("retrieval-service is unreachable");
        }
    }

    private static RetrievalClient client(HttpClient http) {
        ServiceCredentials credentials = new ServiceCredentials();
        credentials.setToken(TOKEN);
        return new RetrievalClient(http, credentials);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
