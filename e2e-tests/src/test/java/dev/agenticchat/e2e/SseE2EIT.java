package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST a message, GET its stream: the whole suite over SSE, as curl or an EventSource sees it. */
class SseE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    record Event(String id, String name, JsonNode data) {
    }

    @Test
    void posts_a_message_and_reads_its_answer_as_server_sent_events_then_resumes_the_thread_after_last_event_id()
            throws Exception {
        Api.Session session = api.anonymousSession();
        String threadId = api.post("/api/threads", session.accessToken(), Map.of("title", "Over SSE")).body().path("id").asText();
        String story = IntStream.rangeClosed(1, 12).mapToObj(i -> "s" + i).collect(Collectors.joining(" "));

        Api.Response posted = api.post("/api/threads/" + threadId + "/messages", session.accessToken(),
                Map.of("content", "[[text:" + story + "]] go", "client_message_id", UUID.randomUUID().toString()));
        assertThat(posted.status()).isEqualTo(201);
        String messageId = posted.body().path("message_id").asText();
        assertThat(posted.body().path("message").path("id").asText()).isEqualTo(messageId);
        String streamId = posted.body().path("stream_id").asText();

        List<String> raw = new ArrayList<>();
        List<Event> events = read("/api/streams/" + streamId, Map.of("Authorization", "Bearer " + session.accessToken()), raw,
                Duration.ofSeconds(60));
        assertThat(raw).anyMatch(line -> line.startsWith("retry:"));
        assertThat(events).extracting(Event::name).startsWith("turn_started").endsWith("assistant_message", "turn_completed");
        assertThat(events.get(0).data().path("message_id").asText()).isEqualTo(messageId);
        assertThat(events).extracting(event -> Long.parseLong(event.id())).isSorted().doesNotHaveDuplicates();
        assertThat(events.stream().filter(event -> "text_delta".equals(event.name())).map(event -> event.data().path("delta").asText())
                .collect(Collectors.joining())).isEqualTo(story);
        assertThat(events.get(events.size() - 2).data().path("content").asText()).isEqualTo(story);

        // The thread's stream, resumed after the first delta by the HttpOnly cookie: the rest of the turn, once.
        HttpResponse<String> cookie = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(suite.gateway() + "/api/auth/stream-cookie")).header("Authorization", "Bearer " + session.accessToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cookie.statusCode()).isEqualTo(204);
        String cookieValue = cookie.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Event firstDelta = events.stream().filter(event -> "text_delta".equals(event.name())).findFirst().orElseThrow();
        List<Event> rest = read("/api/threads/" + threadId + "/events",
                Map.of("Cookie", cookieValue, "Last-Event-ID", firstDelta.id()), new ArrayList<>(), Duration.ofSeconds(5));
        List<Event> expected = events.subList(events.indexOf(firstDelta) + 1, events.size());
        assertThat(rest).extracting(Event::id).containsExactlyElementsOf(expected.stream().map(Event::id).toList());
    }

    @Test
    void nobody_but_the_owner_reads_or_posts_to_a_threads_streams() throws Exception {
        Api.Session owner = api.anonymousSession();
        String threadId = api.post("/api/threads", owner.accessToken(), Map.of("title", "Mine")).body().path("id").asText();
        Api.Response posted = api.post("/api/threads/" + threadId + "/messages", owner.accessToken(),
                Map.of("content", "[[text:ok]] hi", "client_message_id", UUID.randomUUID().toString()));
        String streamId = posted.body().path("stream_id").asText();
        Api.Session colleague = api.anonymousSession();
        String tenant = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.operator("POST", "/api/admin/tenants", Map.of("slug", tenant, "name", "Elsewhere")).status()).isEqualTo(201);
        Api.Session stranger = api.anonymousSession(tenant);

        for (String path : List.of("/api/threads/" + threadId + "/events", "/api/streams/" + streamId)) {
            assertThat(status(path, Map.of("Authorization", "Bearer " + colleague.accessToken()))).as(path).isEqualTo(404);
            assertThat(status(path, Map.of("Authorization", "Bearer " + stranger.accessToken()))).as(path).isEqualTo(404);
            assertThat(status(path, Map.of("Cookie", "agentic_stream=" + stranger.accessToken()))).as(path).isEqualTo(404);
            assertThat(status(path, Map.of())).as(path).isEqualTo(401);
            assertThat(status(path + "?access_token=" + owner.accessToken(), Map.of())).as(path).isEqualTo(401);
        }
        for (Api.Session other : List.of(colleague, stranger)) {
            assertThat(api.post("/api/threads/" + threadId + "/messages", other.accessToken(),
                    Map.of("content", "mine now", "client_message_id", UUID.randomUUID().toString())).status()).isEqualTo(404);
        }
        assertThat(api.post("/api/threads/" + threadId + "/messages", null,
                Map.of("content", "anyone?", "client_message_id", UUID.randomUUID().toString())).status()).isEqualTo(401);
    }

    private static int status(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gateway() + path)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    /** Reads events until the server ends the stream or {@code window} passes; raw lines kept too. */
    private static List<Event> read(String path, Map<String, String> headers, List<String> raw, Duration window) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gateway() + path)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> events = new ArrayList<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                synchronized (raw) {
                    raw.add(line);
                }
                if (line.isEmpty()) {
                    if (data != null && !data.isEmpty()) {
                        try {
                            synchronized (events) {
                                events.add(new Event(id, name, JSON.readTree(data.toString())));
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        });
        try {
            done.get(window.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            response.body().close();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
