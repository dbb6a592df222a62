package dev.agenticchat.agent.tool.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.support.security.ServiceCredentials;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The artifact tool over a real socket, to an artifact-service that accepts the call and never answers. */
class ArtifactToolsIT {
    private static final String CHART = "{\"title\":\"Quarterly sales\",\"chart_type\":\"bar\",\"labels\":[\"Q1\"],"
            + "\"datasets\":[{\"label\":\"Sales\",\"data\":[120]}]}";

    @Test
    void ends_the_call_with_an_interruption_not_a_failed_tool_when_the_worker_is_interrupted() throws Exception {
        try (ServerSocket silentService = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             HttpClient http = HttpClient.create(new URL("http://127.0.0.1:" + silentService.getLocalPort()))) {
            silentService.setSoTimeout(10_000);
            ServiceCredentials credentials = new ServiceCredentials();
            credentials.setToken("token");
            ArtifactTools tools = new ArtifactTools(new ArtifactServiceClient(http, credentials), JsonMapper.createDefault());
            ToolContext context = new ToolContext(UUID.randomUUID(), UUID.randomUUID().toString(), "tenant", "user");
            CompletableFuture<Object> ended = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    ended.complete(tools.create("chart", CHART, context));
                } catch (Exception e) {
                    ended.complete(e);
                }
            }, "turn-worker-under-test");
            worker.start();

            try (Socket call = silentService.accept()) {
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        Set.of(Thread.State.WAITING, Thread.State.TIMED_WAITING).contains(worker.getState()));
                worker.interrupt();

                assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            }
        }
    }
}
