import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from sending `user_message` on the gateway's WebSocket to the first `text_delta`,
 * over N turns against a running suite (./suite start) whose simulator has zero delay.
 * The floor, measured in the same run, is the simulator's own time to first streamed
 * chunk over HTTP; the ratio says what the whole pipeline (gateway → chat → outbox →
 * Kafka → agent → Kafka → gateway) adds on top of the model.
 *
 *   java bench/FirstTokenLatency.java [gateway=http://127.0.0.1:8080] [simulator=http://127.0.0.1:8090/v1] [turns=20]
 */
public class FirstTokenLatency {
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern THREAD = Pattern.compile("\"thread_id\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String simulator = args.length > 1 ? args[1] : "http://127.0.0.1:8090/v1";
        int turns = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        HttpClient http = HttpClient.newHttpClient();

        List<Double> floor = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            floor.add(simulatorFirstChunkMillis(http, simulator));
        }

        String session = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/anonymous"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = TOKEN.matcher(session);
        if (!token.find()) {
            throw new IllegalStateException("no access token from " + gateway + ": " + session);
        }
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().header("Origin", gateway)
                .buildAsync(URI.create(gateway.replaceFirst("^http", "ws") + "/ws"), new Collector(frames)).join();
        ws.sendText("{\"type\":\"auth\",\"token\":\"" + token.group(1) + "\"}", true).join();
        await(frames, "auth_ok");

        List<Double> latencies = new ArrayList<>();
        String threadId = null;
        for (int i = 0; i < turns + 2; i++) {
            String thread = threadId == null ? "" : "\"thread_id\":\"" + threadId + "\",";
            long start = System.nanoTime();
            ws.sendText("{\"type\":\"user_message\"," + thread + "\"content\":\"[[text:pong number " + i
                    + " from the model]] ping\",\"client_message_id\":\"" + UUID.randomUUID() + "\"}", true).join();
            String ack = await(frames, "user_message");
            await(frames, "text_delta");
            double millis = (System.nanoTime() - start) / 1e6;
            await(frames, "turn_completed");
            Matcher m = THREAD.matcher(ack);
            if (threadId == null && m.find()) {
                threadId = m.group(1);
            }
            if (i >= 2) {
                latencies.add(millis); // the first two warm up connections and JIT
            }
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

        double median = median(latencies);
        double floorMedian = median(floor);
        System.out.printf("turns=%d  user_message→first text_delta: median %.1f ms, p90 %.1f ms, min %.1f ms%n",
                latencies.size(), median, percentile(latencies, 0.9), Collections.min(latencies));
        System.out.printf("floor (simulator first chunk over HTTP): median %.1f ms%n", floorMedian);
        System.out.printf("ratio pipeline/floor: %.1fx%n", median / floorMedian);
    }

    private static double simulatorFirstChunkMillis(HttpClient http, String simulator) throws Exception {
        String body = "{\"model\":\"sim-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"[[text:pong]] ping\"}]}";
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(simulator + "/chat/completions"))
                .header("Authorization", "Bearer bench").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var in = response.body()) {
            in.read();
            double millis = (System.nanoTime() - start) / 1e6;
            in.readAllBytes();
            return millis;
        }
    }

    private static String await(LinkedBlockingQueue<String> frames, String type) throws InterruptedException {
        while (true) {
            String frame = frames.poll(30, TimeUnit.SECONDS);
            if (frame == null) {
                throw new IllegalStateException("no " + type + " frame within 30 s");
            }
            Matcher m = TYPE.matcher(frame);
            if (m.find() && m.group(1).equals(type)) {
                return frame;
            }
            if (m.find(0) && (m.group(1).equals("error") || m.group(1).equals("turn_failed"))) {
                throw new IllegalStateException("suite answered " + frame);
            }
        }
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private record Collector(LinkedBlockingQueue<String> frames) implements WebSocket.Listener {
        private static final StringBuilder PARTIAL = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            PARTIAL.append(data);
            if (last) {
                frames.add(PARTIAL.toString());
                PARTIAL.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
