package dev.agenticchat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.contracts.events.TurnStarted;
import dev.agenticchat.gateway.auth.ShortLivedTokens;
import dev.agenticchat.gateway.fixtures.AgentServiceStandIn;
import dev.agenticchat.gateway.fixtures.AnonymousUsers;
import dev.agenticchat.gateway.fixtures.ChatServiceStandIn;
import dev.agenticchat.gateway.fixtures.Events;
import dev.agenticchat.gateway.fixtures.TestSocket;
import dev.agenticchat.gateway.tenant.Tenant;
import dev.agenticchat.gateway.tenant.TenantService;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAI-compatible API and its keys over real HTTP, turn events from a real Kafka topic
 * through the gateway's thread streams, keys in the real Postgres. chat-service and
 * agent-service are stand-ins (real HTTP); the real ones and OpenAI's own client are in the
 * end-to-end suite (OpenAiApiE2EIT).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiApiIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ChatServiceStandIn chat = ChatServiceStandIn.start();
    private final AgentServiceStandIn agents = AgentServiceStandIn.start();
    private final String eventsTopic = TestKafka.createTopic("gateway-it.openai-events", 3);

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    ApplicationContext context;

    @Inject
    TenantService tenants;

    private Events events;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gateway.services.chat", chat.url(),
                "gateway.services.agent", agents.url(),
                "gateway.services.artifact", agents.url(),
                "gateway.fanout.topics", eventsTopic,
                "gateway.stream.topic", eventsTopic,
                "gateway.openai.public-url", "https://chat.example/");
    }

    /** The fan-out reads from the latest offset: wait until it has its partitions before sending events. */
    @BeforeAll
    void awaitFanOut() {
        events = new Events(json, eventsTopic);
        Map<String, Object> session = AnonymousUsers.create(http);
        String userId = (String) session.get("user_id");
        String tenantId = (String) session.get("tenant_id");
        String threadId = chat.createThread(userId);
        try (TestSocket socket = TestSocket.authenticated(URI.create("ws://127.0.0.1:" + server.getPort() + "/ws"),
                (String) session.get("access_token"), json)) {
            socket.send(Map.of("type", "subscribe", "thread_id", threadId));
            socket.awaitType("subscribed");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                events.send(new TextDelta("warm-up", threadId, 0, "."), tenantId, userId, threadId);
                return !socket.framesOfType("text_delta").isEmpty();
            });
        }
    }

    @AfterAll
    void stopStandIns() {
        chat.close();
        agents.close();
    }

    private record Answer(int status, Map<String, Object> body, String retryAfter) {
        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) body.get("error");
        }
    }

    private Answer call(MutableHttpRequest<?> request) {
        try {
            var response = http.toBlocking().exchange(request, Argument.mapOf(String.class, Object.class));
            return new Answer(response.code(), response.body(), null);
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElse(Map.of()),
                    e.getResponse().getHeaders().get("Retry-After"));
        }
    }

    private record Org(Tenant tenant, String adminToken) {
        String id() {
            return tenant.id().toString();
        }
    }

    private Org newTenant(String... agentSlugs) {
        Tenant tenant = tenants.create("oa-" + UUID.randomUUID().toString().substring(0, 8), "Acme", null, null, List.of());
        for (String slug : agentSlugs) {
            agents.agent(tenant.id().toString(), slug, "Agent " + slug);
        }
        return new Org(tenant, ShortLivedTokens.tenantAdmin(context, UUID.randomUUID().toString(), tenant.id().toString()));
    }

    private Map<String, Object> createKey(Org org, String name) {
        Answer created = call(HttpRequest.POST("/api/api-keys", Map.of("name", name)).bearerAuth(org.adminToken()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body();
    }

    private static String secret(Map<String, Object> key) {
        return (String) key.get("key");
    }

    private static Map<String, Object> completion(String model, List<Map<String, Object>> messages, boolean stream) {
        return Map.of("model", model, "messages", messages, "stream", stream, "stream_options", Map.of("include_usage", true));
    }

    private static Map<String, Object> user(String content) {
        return Map.of("role", "user", "content", content);
    }

    private static Map<String, Object> assistant(String content) {
        return Map.of("role", "assistant", "content", content);
    }

    private ChatServiceStandIn.Stored awaitStored(String marker) {
        return await().atMost(WAIT).until(() -> chat.stored().stream().filter(m -> m.content().contains(marker)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    /** The turn answering a stored message, as agent-service publishes it. */
    private void answer(Org org, ChatServiceStandIn.Stored message, String turnId, String text, ArtifactSnapshot artifact) {
        events.send(new TurnStarted(turnId, message.threadId(), message.id(), "sim-1"), org.id(), message.userId(), message.threadId());
        events.send(new TextDelta(turnId, message.threadId(), 0, text.substring(0, 3)), org.id(), message.userId(), message.threadId());
        events.send(new TextDelta(turnId, message.threadId(), 1, text.substring(3)), org.id(), message.userId(), message.threadId());
        if (artifact != null) {
            events.send(new ToolCallCompleted(turnId, message.threadId(), "call-1", "create_chart_artifact", "completed", "{}", artifact),
                    org.id(), message.userId(), message.threadId());
        }
        events.send(new TurnCompleted(turnId, message.threadId(), message.id(), UUID.randomUUID().toString(), text,
                new TurnCompleted.Usage(120, 30, 150, 2), new TurnCompleted.Cost(new BigDecimal("0.0003"), "USD"),
                artifact == null ? List.of() : List.of(artifact.id()), List.of(), Instant.now()), org.id(), message.userId(), message.threadId());
    }

    @Test
    void only_tenant_admins_create_list_and_revoke_keys_and_the_secret_is_shown_once_and_stored_hashed() throws Exception {
        Org org = newTenant("default");
        Map<String, Object> key = createKey(org, "  CRM integration ");
        String secret = secret(key);
        assertThat(secret).startsWith("ack_").hasSize(47);
        assertThat(key).containsEntry("name", "CRM integration").containsEntry("prefix", secret.substring(0, 12));

        Answer list = call(HttpRequest.GET("/api/api-keys").bearerAuth(org.adminToken()));
        assertThat(list.status()).isEqualTo(200);
        assertThat(json.writeValueAsString(list.body())).doesNotContain(secret).doesNotContain(secret.substring(12));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.body().get("items");
        assertThat(items).singleElement().satisfies(item -> assertThat(item).containsEntry("id", key.get("id"))
                .containsEntry("prefix", secret.substring(0, 12)).containsEntry("revoked_at", null).containsKey("last_used_at"));

        try (Connection connection = TestDatabase.admin();
             PreparedStatement query = connection.prepareStatement("SELECT secret_hash FROM gateway.api_keys WHERE id = ?::uuid")) {
            query.setString(1, (String) key.get("id"));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
            }
        }

        // A visitor of the tenant, no token, another tenant's admin.
        String visitor = ShortLivedTokens.issue(context, UUID.randomUUID().toString(), org.id(), Duration.ofMinutes(5)).value();
        assertThat(call(HttpRequest.POST("/api/api-keys", Map.of("name", "mine")).bearerAuth(visitor)).status()).isEqualTo(403);
        assertThat(call(HttpRequest.GET("/api/api-keys").bearerAuth(visitor)).status()).isEqualTo(403);
        assertThat(call(HttpRequest.DELETE("/api/api-keys/" + key.get("id")).bearerAuth(visitor)).status()).isEqualTo(403);
        assertThat(call(HttpRequest.POST("/api/api-keys", Map.of("name", "mine"))).status()).isEqualTo(401);
        Org other = newTenant("default");
        assertThat(call(HttpRequest.DELETE("/api/api-keys/" + key.get("id")).bearerAuth(other.adminToken())).status()).isEqualTo(404);
        assertThat((List<?>) call(HttpRequest.GET("/api/api-keys").bearerAuth(other.adminToken())).body().get("items")).isEmpty();
        assertThat(call(HttpRequest.GET("/v1/models").bearerAuth(secret)).status()).as("still usable").isEqualTo(200);
        assertThat(call(HttpRequest.POST("/api/api-keys", Map.of("name", " "))
                .bearerAuth(org.adminToken())).status()).isEqualTo(400);

        assertThat(call(HttpRequest.DELETE("/api/api-keys/" + key.get("id")).bearerAuth(org.adminToken())).status()).isEqualTo(204);
        Answer revoked = call(HttpRequest.GET("/v1/models").bearerAuth(secret));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.error()).containsEntry("code", "invalid_api_key").containsEntry("type", "invalid_request_error");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> after = (List<Map<String, Object>>) call(HttpRequest.GET("/api/api-keys").bearerAuth(org.adminToken()))
                .body().get("items");
        assertThat(after.get(0).get("revoked_at")).isNotNull();
        assertThat(after.get(0).get("last_used_at")).as("the use before the revocation").isNotNull();
    }

    @Test
    void models_are_the_agents_of_the_keys_own_tenant_and_errors_have_openais_shape() {
        Org acme = newTenant("default", "sales");
        Org globex = newTenant("default", "billing");
        String acmeKey = secret(createKey(acme, "acme"));
        String globexKey = secret(createKey(globex, "globex"));

        Answer models = call(HttpRequest.GET("/v1/models").bearerAuth(acmeKey));
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.body()).containsEntry("object", "list");
        assertThat(AgentServiceStandIn.slugs(models.body())).containsExactly("default", "sales");
        assertThat(AgentServiceStandIn.slugs(call(HttpRequest.GET("/v1/models").bearerAuth(globexKey)).body()))
                .containsExactly("default", "billing");
        assertThat(call(HttpRequest.GET("/v1/models/sales").bearerAuth(acmeKey)).body()).containsEntry("id", "sales")
                .containsEntry("object", "model").containsEntry("owned_by", acme.tenant().slug());

        Answer foreign = call(HttpRequest.GET("/v1/models/billing").bearerAuth(acmeKey));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.error()).containsEntry("code", "model_not_found").containsEntry("param", "model");
        int stored = chat.stored().size();
        Answer foreignCompletion = call(HttpRequest.POST("/v1/chat/completions",
                completion("billing", List.of(user("hi")), false)).bearerAuth(acmeKey));
        assertThat(foreignCompletion.status()).isEqualTo(404);
        assertThat(foreignCompletion.error()).containsEntry("code", "model_not_found");
        assertThat(chat.stored()).hasSize(stored);

        Answer none = call(HttpRequest.GET("/v1/models"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).containsEntry("code", "invalid_api_key");
        assertThat(call(HttpRequest.GET("/v1/models").bearerAuth("ack_" + "x".repeat(43))).status()).isEqualTo(401);
        String adminToken = acme.adminToken();
        assertThat(call(HttpRequest.GET("/v1/models").bearerAuth(adminToken)).status()).as("a user's token is no key").isEqualTo(401);
        Answer invalid = call(HttpRequest.POST("/v1/chat/completions", Map.of("model", "sales", "messages", List.of()))
                .bearerAuth(acmeKey));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).containsEntry("type", "invalid_request_error").containsEntry("param", "messages");
        Answer wrongMethod = call(HttpRequest.GET("/v1/chat/completions").bearerAuth(acmeKey));
        assertThat(wrongMethod.status()).as("the framework's own refusals keep OpenAI's shape too").isEqualTo(405);
        assertThat(wrongMethod.error()).containsEntry("type", "invalid_request_error").containsKey("message");
        // A disabled tenant's keys are refused with it.
        tenants.update(globex.tenant().slug(), new TenantService.TenantChange(null, Tenant.DISABLED, null, null, null));
        assertThat(call(HttpRequest.GET("/v1/models").bearerAuth(globexKey)).status()).isEqualTo(401);
        Answer notJson = call(HttpRequest.POST("/v1/chat/completions", "{oops").contentType("application/json").bearerAuth(acmeKey));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).containsEntry("type", "invalid_request_error");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_completion_posts_the_question_as_the_keys_own_user_and_answers_with_the_turns_text_artifacts_and_usage() throws Exception {
        Org org = newTenant("default", "sales");
        String key = secret(createKey(org, "bot"));
        String marker = "question-" + UUID.randomUUID();
        CompletableFuture<Answer> pending = CompletableFuture.supplyAsync(() -> call(HttpRequest.POST("/v1/chat/completions",
                completion("sales", List.of(Map.of("role", "system", "content", "Be brief."), user(marker)), false)).bearerAuth(key)));
        ChatServiceStandIn.Stored message = awaitStored(marker);
        ArtifactSnapshot chart = new ArtifactSnapshot("art-" + UUID.randomUUID(), "chart", "Quarterly sales", "draft", 1,
                message.threadId(), "turn-a", Map.of(), Instant.now());
        answer(org, message, "turn-a", "Here it is.", chart);
        Answer answer = pending.join();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body()).containsEntry("id", "chatcmpl-turn-a").containsEntry("object", "chat.completion")
                .containsEntry("model", "sales");
        Map<String, Object> choice = ((List<Map<String, Object>>) answer.body().get("choices")).get(0);
        assertThat(choice).containsEntry("finish_reason", "stop").containsEntry("index", 0);
        String url = "https://chat.example/v1/artifacts/" + chart.id();
        Map<String, Object> reply = (Map<String, Object>) choice.get("message");
        assertThat(reply).containsEntry("role", "assistant")
                .containsEntry("content", "Here it is.\n\nArtifacts:\n- [Quarterly sales](" + url + ") (chart)");
        assertThat((List<Map<String, Object>>) reply.get("artifacts")).containsExactly(
                Map.of("id", chart.id(), "type", "chart", "title", "Quarterly sales", "url", url));
        assertThat((Map<String, Object>) answer.body().get("usage")).containsEntry("prompt_tokens", 120)
                .containsEntry("completion_tokens", 30).containsEntry("total_tokens", 150);

        // The message was posted with a token of the key's own user: not the admin who made the key, not anyone else.
        ChatServiceStandIn.Recorded posted = chat.requests().stream().filter(r -> r.body().contains(marker)).findFirst().orElseThrow();
        Map<String, Object> body = json.readValue(posted.body(), Argument.mapOf(String.class, Object.class));
        assertThat(body).containsEntry("agent", "sales");
        assertThat(body.get("thread_id")).isNull();
        assertThat((String) body.get("content")).contains("<system>\nBe brief.\n</system>").endsWith(marker);
        assertThat(message.userId()).isNotEqualTo(org.tenant().id().toString());
        assertThat(chat.stored().stream().filter(m -> m.userId().equals(message.userId())).map(ChatServiceStandIn.Stored::threadId))
                .containsOnly(message.threadId());

        // The artifact's link opens with the same key.
        agents.artifact(message.userId(), chart.id(), Map.of("id", chart.id(), "type", "chart"));
        assertThat(call(HttpRequest.GET("/v1/artifacts/" + chart.id()).bearerAuth(key)).body()).containsEntry("type", "chart");
        String otherKey = secret(createKey(org, "other"));
        assertThat(call(HttpRequest.GET("/v1/artifacts/" + chart.id()).bearerAuth(otherKey)).status()).isEqualTo(404);

        // The next request repeating the conversation continues the thread with the new question alone.
        String next = "follow-up-" + UUID.randomUUID();
        CompletableFuture<Answer> continued = CompletableFuture.supplyAsync(() -> call(HttpRequest.POST("/v1/chat/completions",
                completion("sales", List.of(Map.of("role", "system", "content", "Be brief."), user(marker),
                        assistant((String) reply.get("content")), user(next)), false)).bearerAuth(key)));
        ChatServiceStandIn.Stored second = awaitStored(next);
        assertThat(second.threadId()).isEqualTo(message.threadId());
        assertThat(second.content()).isEqualTo(next);
        answer(org, second, "turn-b", "Sure thing.", null);
        assertThat(continued.join().status()).isEqualTo(200);

        // A conversation the thread does not hold (an edited answer) starts a new thread with the transcript.
        String edited = "edited-" + UUID.randomUUID();
        CompletableFuture<Answer> branched = CompletableFuture.supplyAsync(() -> call(HttpRequest.POST("/v1/chat/completions",
                completion("sales", List.of(user(marker), assistant("something else"), user(edited)), false)).bearerAuth(key)));
        ChatServiceStandIn.Stored third = awaitStored(edited);
        assertThat(third.threadId()).isNotEqualTo(message.threadId());
        assertThat(third.content()).contains("<assistant>\nsomething else\n</assistant>");
        events.send(new TurnStarted("turn-c", third.threadId(), third.id(), "sim-1"), org.id(), third.userId(), third.threadId());
        events.send(new TurnFailed("turn-c", third.threadId(), third.id(), "too_many_steps", "The agent took too many steps.",
                Instant.now()), org.id(), third.userId(), third.threadId());
        Answer failed = branched.join();
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.error()).containsEntry("code", "too_many_steps").containsEntry("type", "server_error")
                .containsEntry("message", "The agent took too many steps.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_streamed_completion_sends_chunks_as_the_turn_goes_then_usage_and_done() throws Exception {
        Org org = newTenant("default");
        String key = secret(createKey(org, "streamer"));
        String marker = "stream-" + UUID.randomUUID();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        CompletableFuture<java.net.http.HttpResponse<Stream<String>>> response = client.sendAsync(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getPort() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        completion("default", List.of(user(marker)), true)))).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        ChatServiceStandIn.Stored message = awaitStored(marker);
        answer(org, message, "turn-s", "Streaming works.", null);

        java.net.http.HttpResponse<Stream<String>> streamed = response.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> data = new ArrayList<>(streamed.body().filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).strip()).toList());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (String payload : data.subList(0, data.size() - 1)) {
            chunks.add(json.readValue(payload, Argument.mapOf(String.class, Object.class)));
        }
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk).containsEntry("object", "chat.completion.chunk")
                .containsEntry("id", "chatcmpl-turn-s"));
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> chunk : chunks) {
            for (Map<String, Object> choice : (List<Map<String, Object>>) chunk.get("choices")) {
                Object content = ((Map<String, Object>) choice.get("delta")).get("content");
                text.append(content == null ? "" : content);
            }
        }
        assertThat(text.toString()).isEqualTo("Streaming works.");
        assertThat(((Map<String, Object>) ((List<Map<String, Object>>) chunks.get(0).get("choices")).get(0).get("delta")))
                .containsEntry("role", "assistant");
        assertThat(((List<Map<String, Object>>) chunks.get(chunks.size() - 2).get("choices")).get(0)).containsEntry("finish_reason", "stop");
        assertThat((Map<String, Object>) chunks.get(chunks.size() - 1).get("usage")).containsEntry("total_tokens", 150);

        // [DONE] came after the answer was recorded: the next request at once continues the thread.
        String next = "after-stream-" + UUID.randomUUID();
        CompletableFuture<Answer> continued = CompletableFuture.supplyAsync(() -> call(HttpRequest.POST("/v1/chat/completions",
                completion("default", List.of(user(marker), assistant(text.toString()), user(next)), false)).bearerAuth(key)));
        ChatServiceStandIn.Stored second = awaitStored(next);
        assertThat(second.threadId()).isEqualTo(message.threadId());
        answer(org, second, "turn-s2", "Still here.", null);
        assertThat(continued.join().status()).isEqualTo(200);
    }

    @Test
    void chat_services_turn_limits_answer_as_openais_rate_limit() {
        Org org = newTenant("default");
        String key = secret(createKey(org, "busy"));
        Answer limited = call(HttpRequest.POST("/v1/chat/completions",
                completion("default", List.of(user(ChatServiceStandIn.RATE_LIMITED)), false)).bearerAuth(key));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).isEqualTo("7");
        assertThat(limited.error()).containsEntry("code", "rate_limit_exceeded");
    }
}
