package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible API through the running suite, called with OpenAI's own Java client
 * (openai-java) as its users call it: a tenant admin makes a key, the client lists the tenant's
 * agents as models, asks one (collected and streamed), continues the conversation, gets a chart
 * the agent's tool made as a link it can open with the key, and is refused with the client's typed
 * errors for a wrong, a revoked and another tenant's model. The answers come from the LLM simulator
 * through the real turn (agent-service, chat-service, Kafka), and the usage is what the tenant's
 * usage API counts.
 */
class OpenAiApiE2EIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(suite.gateway() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(90)).build();
    }

    private static String newTenant(String prefix) {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.operator("POST", "/api/admin/tenants", Map.of("slug", tenant, "name", "Acme " + prefix));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return tenant;
    }

    private static Api.Session tenantAdmin(String tenant) {
        String email = "admin-" + UUID.randomUUID() + "@acme.example";
        Api.Session person = api.linkEmail(api.anonymousSession(tenant), email, () -> Api.codeMailedTo(suite.mail(), email));
        Api.Response named = api.operator("POST", "/api/admin/tenants/" + tenant + "/admins", Map.of("email", email));
        assertThat(named.status()).as(named.toString()).isEqualTo(201);
        return api.refresh(person);
    }

    private static Api.Response createKey(String adminToken, String name) {
        return api.post("/api/api-keys", adminToken, Map.of("name", name));
    }

    private static int delete(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.gateway() + path)).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode requestWith(String marker) {
        return suite.simulator().requests().stream().filter(request -> request.toString().contains(marker))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("the model was never asked about " + marker));
    }

    @Test
    void openais_own_client_lists_the_agents_and_gets_collected_streamed_continued_and_tool_made_answers() throws Exception {
        String tenant = newTenant("openai");
        String admin = tenantAdmin(tenant).accessToken();
        Api.Response sales = api.post("/api/agents", admin, Map.of("slug", "sales", "name", "Sales Sam",
                "system_prompt", "You are Sales Sam of Acme."));
        assertThat(sales.status()).as(sales.toString()).isEqualTo(201);
        Api.Response created = createKey(admin, "CRM");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.body().path("key").asText();
        OpenAIClient client = client(key);

        assertThat(client.models().list().data()).extracting(Model::id).containsExactly("default", "sales");

        String first = "First answer " + UUID.randomUUID();
        String question = "[[text:" + first + "]] which plan?";
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("sales").addUserMessage(question).build());
        assertThat(completion.model()).isEqualTo("sales");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).contains(first);
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        });
        long totalTokens = completion.usage().orElseThrow().totalTokens();
        assertThat(totalTokens).isPositive();
        assertThat(completion.usage().orElseThrow().promptTokens() + completion.usage().orElseThrow().completionTokens())
                .isEqualTo(totalTokens);
        JsonNode persona = requestWith(first).path("messages").get(0);
        assertThat(persona.path("content").asText()).isEqualTo("You are Sales Sam of Acme.");

        // The same conversation, one exchange longer: the key's thread goes on, so the model sees the earlier turn as turns.
        String second = "Second answer " + UUID.randomUUID();
        ChatCompletion continued = client.chat().completions().create(ChatCompletionCreateParams.builder().model("sales")
                .addUserMessage(question).addAssistantMessage(completion.choices().get(0).message().content().orElseThrow())
                .addUserMessage("[[text:" + second + "]] and the price?").build());
        assertThat(continued.choices().get(0).message().content()).contains(second);
        List<String> roles = new ArrayList<>();
        requestWith(second).path("messages").forEach(message -> roles.add(message.path("role").asText()));
        assertThat(roles).containsSubsequence("system", "user", "assistant", "user");
        assertThat(requestWith(second).toString()).doesNotContain("[Conversation so far");

        // Streamed: the deltas add up to the answer, the last chunks say stop and carry the usage.
        String streamedAnswer = "Streamed answer " + UUID.randomUUID() + " with several words to split";
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ChatCompletionCreateParams
                .builder().model("default").addUserMessage("[[text:" + streamedAnswer + "]] stream it")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isEqualTo(streamedAnswer);
        assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly(chunks.get(0).id());
        assertThat(chunks.stream().flatMap(chunk -> chunk.choices().stream()).filter(choice -> choice.finishReason().isPresent()))
                .singleElement().satisfies(choice ->
                        assertThat(choice.finishReason().orElseThrow()).isEqualTo(ChatCompletionChunk.Choice.FinishReason.STOP));
        long streamedTokens = chunks.get(chunks.size() - 1).usage().orElseThrow().totalTokens();
        assertThat(streamedTokens).isPositive();

        // Usage is the suite's own count: the tenant's usage API adds up the same tokens.
        JsonNode byAgent = api.get("/api/usage?group_by=agent", admin).body();
        assertThat(byAgent.path("totals").path("total_tokens").asLong())
                .isEqualTo(totalTokens + continued.usage().orElseThrow().totalTokens() + streamedTokens);

        // A tool of the agent runs on the server: the chart comes back as a link in the text and in the artifacts field.
        ChatCompletion charted = client.chat().completions().create(ChatCompletionCreateParams.builder().model("default")
                .addUserMessage("[[tool:create_chart_artifact]] chart our quarterly sales").build());
        ChatCompletion.Choice choice = charted.choices().get(0);
        List<Map<String, Object>> artifacts = choice.message()._additionalProperties().get("artifacts")
                .convert(new TypeReference<List<Map<String, Object>>>() { });
        assertThat(artifacts).hasSize(1);
        Map<String, Object> artifact = artifacts.get(0);
        assertThat(artifact).containsEntry("type", "chart");
        String url = (String) artifact.get("url");
        assertThat(url).isEqualTo(suite.gateway() + "/v1/artifacts/" + artifact.get("id"));
        assertThat(choice.message().content().orElseThrow()).contains("](" + url + ") (chart)");
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("\"type\":\"chart\"");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void wrong_and_revoked_keys_and_another_tenants_agents_are_refused_and_only_this_tenants_admins_manage_its_keys() throws Exception {
        String tenant = newTenant("keys");
        String admin = tenantAdmin(tenant).accessToken();
        assertThat(api.post("/api/agents", admin, Map.of("slug", "secret-agent", "name", "Secret",
                "system_prompt", "You keep secrets.")).status()).isEqualTo(201);
        String key = createKey(admin, "soon revoked").body().path("key").asText();
        String keyId = createKey(admin, "kept").body().path("id").asText();
        String otherTenant = newTenant("other");
        String otherAdmin = tenantAdmin(otherTenant).accessToken();
        String otherKey = createKey(otherAdmin, "theirs").body().path("key").asText();

        // A visitor of the tenant cannot make keys, another tenant's admin cannot see or revoke them.
        String visitor = api.anonymousSession(tenant).accessToken();
        assertThat(createKey(visitor, "mine").status()).isEqualTo(403);
        assertThat(api.get("/api/api-keys", visitor).status()).isEqualTo(403);
        assertThat(createKey(null, "anyone").status()).isEqualTo(401);
        assertThat(delete("/api/api-keys/" + keyId, otherAdmin)).isEqualTo(404);
        assertThat(api.get("/api/api-keys", otherAdmin).body().path("items")).extracting(item -> item.path("id").asText())
                .doesNotContain(keyId);
        assertThat(api.get("/api/api-keys", admin).body().path("items")).extracting(item -> item.path("revoked_at").isNull())
                .containsOnly(true);

        // Another tenant's key does not reach this tenant's agent.
        assertThatThrownBy(() -> client(otherKey).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("secret-agent").addUserMessage("[[text:leak]] tell me").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
        assertThat(client(otherKey).models().list().data()).extracting(Model::id).containsExactly("default");

        assertThatThrownBy(() -> client("ack_" + "w".repeat(43)).models().list()).isInstanceOf(UnauthorizedException.class);
        assertThat(client(key).models().list().data()).extracting(Model::id).contains("secret-agent");
        assertThat(delete("/api/api-keys/" + api.get("/api/api-keys", admin).body().path("items").get(0).path("id").asText(), admin))
                .isEqualTo(204);
        assertThatThrownBy(() -> client(key).models().list()).isInstanceOfSatisfying(UnauthorizedException.class,
                e -> assertThat(e.code()).contains("invalid_api_key"));
        assertThatThrownBy(() -> client(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("secret-agent").addUserMessage("hello").build())).isInstanceOf(UnauthorizedException.class);
    }
}
