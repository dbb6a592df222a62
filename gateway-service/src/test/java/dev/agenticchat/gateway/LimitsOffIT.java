package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A socket limit set to 0 is no limit (as the README says of every limit), not "no sockets". */
@MicronautTest(transactional = false)
@Property(name = "gateway.ws.max-connections-per-address", value = "0")
@Property(name = "gateway.ws.max-connections-per-user", value = "0")
@Property(name = "gateway.ws.max-frames-per-second", value = "0")
class LimitsOffIT {
    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Test
    void one_user_holds_more_sockets_than_any_default_limit_and_may_send_fast() {
        String token = (String) AnonymousUsers.create(http).get("access_token");
        URI ws = URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
        List<TestSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                sockets.add(TestSocket.authenticated(ws, token, json));
            }
            TestSocket last = sockets.get(sockets.size() - 1);
            for (int i = 0; i < 400; i++) {
                last.send(Map.of("type", "ping"));
            }
            last.roundTrip();
            assertThat(sockets).noneMatch(TestSocket::isClosed);
        } finally {
            sockets.forEach(TestSocket::close);
        }
    }
}
