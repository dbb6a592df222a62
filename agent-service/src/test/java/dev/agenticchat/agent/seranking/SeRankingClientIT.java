package dev.agenticchat.agent.seranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.agent.fixtures.SeRankingFake;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SE Ranking client against a fake that speaks the Data API over real HTTP. */
class SeRankingClientIT {
    private static final String KEY = "80cfee7d-0000-4000-8000-fc8500816bb3";
    private final SeRankingFake fake = SeRankingFake.start(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void sends_the_key_as_a_token_and_reads_the_answer() throws Exception {
        SeRankingClient client = client(KEY, 10);

        JsonNode answer = client.await(client.get("/v1/domain/overview/db", Map.of("source", "us", "domain", "example.com")));

        assertThat(answer.get("organic").get("count").getLongValue()).isEqualTo(15230);
        assertThat(fake.requests()).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Token " + KEY);
            assertThat(request.query()).containsEntry("source", "us").containsEntry("domain", "example.com");
        });
    }

    @Test
    void retries_a_rate_limited_request_until_it_succeeds() throws Exception {
        fake.failNext("/v1/keywords/similar", 429, 2);
        SeRankingClient client = client(KEY, 10);

        JsonNode answer = client.await(client.get("/v1/keywords/similar", Map.of("source", "us", "keyword", "shoes")));

        assertThat(answer.get("total").getIntValue()).isEqualTo(3);
        assertThat(fake.requests("/v1/keywords/similar")).extracting(SeRankingFake.Received::status)
                .containsExactly(429, 429, 200);
    }

    @Test
    void gives_up_on_a_server_that_keeps_failing_after_every_pause() {
        fake.failNext("/v1/domain/competitors", 503, 10);
        SeRankingClient client = client(KEY, 10);

        assertThatThrownBy(() -> client.await(client.get("/v1/domain/competitors", Map.of("domain", "example.com"))))
                .isInstanceOf(SeRankingException.class)
                .hasMessage("SE Ranking answered HTTP 503 after 4 attempts.");
        assertThat(fake.requests("/v1/domain/competitors")).hasSize(4);
    }

    @Test
    void says_the_key_was_rejected_without_retrying() {
        SeRankingClient client = client("not-the-key", 10);

        assertThatThrownBy(() -> client.await(client.get("/v1/domain/overview/db", Map.of("domain", "example.com"))))
                .isInstanceOf(SeRankingException.class)
                .hasMessage("SE Ranking rejected the API key (HTTP 401: Invalid API key). Check SERANKING_API_KEY.");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void keeps_to_the_rate_limit_across_concurrent_callers() throws Exception {
        SeRankingClient client = client(KEY, 10);
        long firstSent = System.nanoTime();

        List<CompletableFuture<JsonNode>> calls = IntStream.range(0, 15)
                .mapToObj(i -> client.get("/v1/keywords/similar", Map.of("keyword", "k" + i)))
                .toList();
        for (CompletableFuture<JsonNode> call : calls) {
            client.await(call);
        }

        List<Long> arrivals = fake.requests().stream().map(SeRankingFake.Received::receivedNanos).sorted().toList();
        // Ten go at once, the other five one every 100 ms: the last one no sooner than 500 ms after the first was
        // sent (counted from the send: the first request's arrival also waits for the connection to open).
        assertThat(Duration.ofNanos(arrivals.get(14) - firstSent)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(Duration.ofNanos(arrivals.get(9) - arrivals.get(0))).isLessThan(Duration.ofMillis(450));
    }

    private SeRankingClient client(String key, double rate) {
        SeRankingSettings settings = new SeRankingSettings();
        settings.setApiKey(key);
        settings.setBaseUrl(fake.url());
        settings.setRateLimit(rate);
        settings.setTimeout(Duration.ofSeconds(5));
        settings.setRetryBackoff(List.of(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80)));
        return new SeRankingClient(settings, JsonMapper.createDefault());
    }
}
