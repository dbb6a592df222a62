package dev.agenticchat.agent.credentials;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.agent.agents.AgentService;
import dev.agenticchat.agent.fixtures.CapturedOutput;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.security.ServiceCredentials;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Provider credentials over agent-service's HTTP API (as the gateway forwards it), on real
 * Postgres: who may set and see them, that no answer, stored column or log line holds a key, which
 * credential a model call gets, and rotation between the keys k1 and k2 (k1 active here).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialsIT implements TestPropertyProvider {
    /** First, so it holds every log line of the service's start too. */
    private final CapturedOutput output = CapturedOutput.start();
    private final TestJwks jwks = TestJwks.start();
    private final String messagesTopic = TestKafka.createTopic("credentials-it.chat.messages", 1);
    private final String k1 = newKey();
    private final String k2 = newKey();
    /** Every API key this class sends: none may show up in an answer or a log line. */
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final List<String> tenants = new CopyOnWriteArrayList<>();
    /** Every answer's body as it came over the wire. */
    private final List<String> answers = new CopyOnWriteArrayList<>();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    CredentialService credentials;
    @Inject
    CredentialRotation rotation;
    @Inject
    AgentService agents;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
        properties.put("agent.credentials.keys.k1", k1);
        properties.put("agent.credentials.keys.k2", k2);
        properties.put("agent.credentials.active-key-id", "k1");
        // Rotation runs at the start; the tests run it themselves after that.
        properties.put("agent.credentials.rotation-interval", "1h");
        return properties;
    }

    @AfterAll
    void stop() throws SQLException {
        // What k1 and k2 sealed would only earn the next test class's contexts "key not configured" warnings.
        for (String tenant : tenants) {
            execute("DELETE FROM agent.provider_credentials WHERE tenant_id = ?", tenant);
        }
        jwks.close();
        output.close();
    }

    @Test
    void a_tenant_admin_sets_replaces_lists_and_deletes_the_tenants_and_an_agents_credentials_and_never_sees_a_key() {
        String tenant = newTenant();
        String adminId = "admin-" + UUID.randomUUID();
        Api admin = new Api(jwks.token(tenant, adminId, Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.POST("/api/agents", salesAgent()));
        String first = secret();
        String second = secret();
        String forSales = secret();

        HttpResponse<Map<String, Object>> created = admin.exchange(HttpRequest.PUT("/api/credentials/openai", apiKey(first)));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(created.body()).containsOnlyKeys("provider", "scope", "key_id", "updated_by", "updated_at")
                .containsEntry("provider", "openai").containsEntry("scope", "tenant").containsEntry("key_id", "k1")
                .containsEntry("updated_by", adminId);
        HttpResponse<Map<String, Object>> replaced = admin.exchange(HttpRequest.PUT("/api/credentials/openai", apiKey(second)));
        assertThat(replaced.getStatus().getCode()).isEqualTo(200);
        HttpResponse<Map<String, Object>> forAgent = admin.exchange(
                HttpRequest.PUT("/api/agents/sales/credentials/anthropic", apiKey(forSales)));
        assertThat(forAgent.getStatus().getCode()).isEqualTo(201);
        assertThat(forAgent.body()).containsEntry("scope", "agent").containsEntry("agent", "sales")
                .containsEntry("provider", "anthropic").containsEntry("updated_by", adminId);

        assertThat(admin.items("/api/credentials")).extracting(item -> item.get("scope") + " " + item.get("agent") + " "
                + item.get("provider") + " " + item.get("key_id")).containsExactly("tenant null openai k1", "agent sales anthropic k1");
        UUID sales = agents.forTurn(tenant, "sales").orElseThrow().agentId();
        assertThat(credentials.apiKeyFor(tenant, sales, "openai")).contains(second);
        assertThat(credentials.apiKeyFor(tenant, sales, "anthropic")).contains(forSales);

        assertThat(admin.status(HttpRequest.DELETE("/api/agents/sales/credentials/anthropic"))).isEqualTo(204);
        assertThat(admin.status(HttpRequest.DELETE("/api/agents/sales/credentials/anthropic"))).isEqualTo(404);
        assertThat(admin.status(HttpRequest.DELETE("/api/credentials/openai"))).isEqualTo(204);
        assertThat(admin.items("/api/credentials")).isEmpty();
        assertThat(credentials.apiKeyFor(tenant, sales, "openai")).isEmpty();
        assertThat(answers).isNotEmpty().allSatisfy(answer -> assertThat(answer).doesNotContain(first, second, forSales));
    }

    @Test
    void only_the_tenants_admins_reach_its_credentials_and_another_tenants_admin_only_reaches_their_own() {
        String tenant = newTenant();
        String adminId = "admin-" + UUID.randomUUID();
        Api admin = new Api(jwks.token(tenant, adminId, Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.POST("/api/agents", salesAgent()));
        String tenantsKey = secret();
        admin.send(HttpRequest.PUT("/api/credentials/openai", apiKey(tenantsKey)));
        Api person = new Api(jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));
        Api visitor = new Api(jwks.token(tenant, "visitor-" + UUID.randomUUID(), Role.VISITOR));
        Api service = serviceActingFor(tenant, adminId);
        String otherTenant = newTenant();
        Api otherAdmin = new Api(jwks.token(otherTenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));

        for (Api notAdmin : List.of(person, visitor, service)) {
            assertThat(statuses(notAdmin)).as("a caller who is no admin of the tenant").containsOnly(403);
        }
        assertThat(statuses(new Api(Map.of()))).containsOnly(401);
        assertThat(statuses(new Api("not-a-token"))).containsOnly(401);

        assertThat(otherAdmin.items("/api/credentials")).isEmpty();
        String othersKey = secret();
        assertThat(otherAdmin.status(HttpRequest.PUT("/api/credentials/openai", apiKey(othersKey)))).as("their own tenant's")
                .isEqualTo(201);
        assertThat(otherAdmin.status(HttpRequest.PUT("/api/agents/sales/credentials/openai", apiKey(othersKey)))).isEqualTo(404);
        assertThat(otherAdmin.status(HttpRequest.DELETE("/api/agents/sales/credentials/openai"))).isEqualTo(404);
        assertThat(otherAdmin.items("/api/credentials")).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("scope", "tenant").doesNotContainEntry("updated_by", adminId));
        assertThat(admin.items("/api/credentials")).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("updated_by", adminId));
        assertThat(credentials.apiKeyFor(tenant, null, "openai")).contains(tenantsKey);
        assertThat(credentials.apiKeyFor(otherTenant, null, "openai")).contains(othersKey);

        assertThat(otherAdmin.status(HttpRequest.DELETE("/api/credentials/openai"))).isEqualTo(204);
        assertThat(credentials.apiKeyFor(tenant, null, "openai")).as("untouched by the other tenant's admin").contains(tenantsKey);
        assertThat(admin.items("/api/credentials")).hasSize(1);
    }

    @Test
    void refuses_bad_credentials_naming_the_field_and_never_echoing_the_key() {
        String tenant = newTenant();
        Api admin = new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        String good = secret();

        assertThat(admin.problemFields(HttpRequest.PUT("/api/credentials/mistral", apiKey(good)), 422)).containsExactly("provider");
        assertThat(admin.problemFields(HttpRequest.DELETE("/api/credentials/mistral"), 422)).containsExactly("provider");
        assertThat(admin.problemFields(HttpRequest.PUT("/api/credentials/openai", Map.of()), 422)).containsExactly("api_key");
        for (String bad : List.of(" ", "sk-" + UUID.randomUUID() + " tail", "sk-" + UUID.randomUUID() + "\n",
                "sk-\t" + UUID.randomUUID(), "sk-\u0000" + UUID.randomUUID(), "sk-é" + UUID.randomUUID(),
                "sk-" + "a".repeat(CredentialService.MAX_KEY_LENGTH))) {
            if (!bad.isBlank()) {
                secrets.add(bad.strip());
            }
            assertThat(admin.problemFields(HttpRequest.PUT("/api/credentials/openai", apiKey(bad)), 422)).as("key %s", bad)
                    .containsExactly("api_key");
        }
        assertThat(admin.problemFields(HttpRequest.PUT("/api/credentials/mistral", apiKey(" ")), 422))
                .containsExactly("provider", "api_key");
        assertThat(admin.status(HttpRequest.PUT("/api/agents/nobody/credentials/openai", apiKey(good)))).isEqualTo(404);
        assertThat(admin.status(HttpRequest.DELETE("/api/credentials/openai"))).isEqualTo(404);
        String longest = "k".repeat(CredentialService.MAX_KEY_LENGTH);
        secrets.add(longest);
        assertThat(admin.status(HttpRequest.PUT("/api/credentials/anthropic", apiKey(longest)))).isEqualTo(201);
        assertThat(credentials.apiKeyFor(tenant, null, "anthropic")).contains(longest);
        assertThat(answers).allSatisfy(answer -> secrets.forEach(secret -> assertThat(answer).doesNotContain(secret)));
    }

    @Test
    void a_model_call_gets_the_agents_own_credential_else_the_tenants_else_none() {
        String tenant = newTenant();
        Api admin = new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.POST("/api/agents", salesAgent()));
        UUID sales = agents.forTurn(tenant, "sales").orElseThrow().agentId();
        UUID assistant = agents.forTurn(tenant, null).orElseThrow().agentId();
        String tenantsKey = secret();
        String salesKey = secret();

        assertThat(credentials.apiKeyFor(tenant, sales, "openai")).as("the operator's key then").isEmpty();
        admin.send(HttpRequest.PUT("/api/credentials/openai", apiKey(tenantsKey)));
        assertThat(credentials.apiKeyFor(tenant, sales, "openai")).contains(tenantsKey);
        admin.send(HttpRequest.PUT("/api/agents/sales/credentials/openai", apiKey(salesKey)));
        assertThat(credentials.apiKeyFor(tenant, sales, "openai")).contains(salesKey);
        assertThat(credentials.apiKeyFor(tenant, assistant, "openai")).contains(tenantsKey);
        assertThat(credentials.apiKeyFor(tenant, null, "openai")).contains(tenantsKey);
        assertThat(credentials.apiKeyFor(tenant, sales, "anthropic")).isEmpty();
        assertThat(credentials.apiKeyFor(newTenant(), sales, "openai")).as("another tenant naming the agent").isEmpty();

        admin.status(HttpRequest.DELETE("/api/credentials/openai"));
        assertThat(credentials.apiKeyFor(tenant, assistant, "openai")).isEmpty();
        assertThat(credentials.apiKeyFor(tenant, sales, "openai")).contains(salesKey);
        admin.status(HttpRequest.DELETE("/api/agents/sales"));
        assertThat(query("SELECT count(*) AS n FROM agent.provider_credentials WHERE tenant_id = ?", tenant).get(0))
                .as("an agent's credentials go with it").containsEntry("n", 0L);
    }

    @Test
    void stores_only_a_ciphertext_that_opens_for_its_own_row() throws SQLException {
        String tenant = newTenant();
        String otherTenant = newTenant();
        String tenantsKey = secret();
        String othersKey = secret();
        new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN))
                .send(HttpRequest.PUT("/api/credentials/openai", apiKey(tenantsKey)));
        new Api(jwks.token(otherTenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN))
                .send(HttpRequest.PUT("/api/credentials/openai", apiKey(othersKey)));

        Map<String, Object> row = query("SELECT * FROM agent.provider_credentials WHERE tenant_id = ?", tenant).get(0);
        assertThat(row).containsEntry("key_id", "k1").containsEntry("agent_id", null);
        assertThat((byte[]) row.get("nonce")).hasSize(12);
        byte[] ciphertext = (byte[]) row.get("ciphertext");
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(tenantsKey)
                .doesNotContain(tenantsKey.substring(0, 16)).doesNotContain(tenantsKey.substring(tenantsKey.length() - 16));
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(tenantsKey));

        // Copied onto the other tenant's row, nonce and all: it must not open there.
        try (Connection db = TestDatabase.admin(); PreparedStatement copy = db.prepareStatement(
                "UPDATE agent.provider_credentials SET nonce = ?, ciphertext = ? WHERE tenant_id = ?")) {
            copy.setBytes(1, (byte[]) row.get("nonce"));
            copy.setBytes(2, ciphertext);
            copy.setString(3, otherTenant);
            assertThat(copy.executeUpdate()).isOne();
        }
        assertThatThrownBy(() -> credentials.apiKeyFor(otherTenant, null, "openai"))
                .isInstanceOf(CredentialUnreadableException.class)
                .hasMessageStartingWith("credential unreadable: it does not decrypt with key k1");
        assertThat(credentials.apiKeyFor(tenant, null, "openai")).contains(tenantsKey);
        execute("DELETE FROM agent.provider_credentials WHERE tenant_id = ?", otherTenant);
    }

    @Test
    void rotation_reseals_every_credential_with_the_active_key_and_each_still_opens() {
        String tenant = newTenant();
        Api admin = new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.POST("/api/agents", salesAgent()));
        UUID sales = agents.forTurn(tenant, "sales").orElseThrow().agentId();
        String tenantsKey = secret();
        String salesKey = secret();
        admin.send(HttpRequest.PUT("/api/credentials/openai", apiKey(tenantsKey)));
        admin.send(HttpRequest.PUT("/api/agents/sales/credentials/anthropic", apiKey(salesKey)));
        List<Object> sealedWithK1 = ciphertexts(tenant);

        // A replica whose operator made k2 active, configured the way a deployment does it: environment variables.
        try (ApplicationContext replica = startReplica(Map.of("AGENT_CREDENTIALS_KEYS_K1", k1, "AGENT_CREDENTIALS_KEYS_K2", k2,
                "AGENT_CREDENTIALS_ACTIVE_KEY_ID", "k2"))) {
            CredentialSettings settings = replica.getBean(CredentialSettings.class);
            assertThat(settings.getActiveKeyId()).isEqualTo("k2");
            assertThat(settings.getKeys()).containsEntry("k1", k1).containsEntry("k2", k2).containsKey("local");

            assertThat(keyIds(tenant)).as("re-sealed when the replica started").containsOnly("k2");
            assertThat(ciphertexts(tenant)).doesNotContainAnyElementsOf(sealedWithK1);
            CredentialService replicas = replica.getBean(CredentialService.class);
            assertThat(replicas.apiKeyFor(tenant, sales, "openai")).contains(tenantsKey);
            assertThat(replicas.apiKeyFor(tenant, sales, "anthropic")).contains(salesKey);
        }
        assertThat(credentials.apiKeyFor(tenant, sales, "openai")).as("k2 is still configured here").contains(tenantsKey);
        assertThat(admin.items("/api/credentials")).extracting(item -> item.get("key_id")).containsOnly("k2");

        // This context's active key is k1: its scheduled run moves them back.
        assertThat(rotation.rotate()).isGreaterThanOrEqualTo(2);
        assertThat(keyIds(tenant)).containsOnly("k1");
        assertThat(credentials.apiKeyFor(tenant, sales, "anthropic")).contains(salesKey);
    }

    @Test
    void a_credential_whose_key_is_no_longer_configured_is_left_alone_and_fails_clearly_until_set_anew() throws SQLException {
        String tenant = newTenant();
        Api admin = new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.PUT("/api/credentials/openai", apiKey(secret())));
        execute("UPDATE agent.provider_credentials SET key_id = 'retired' WHERE tenant_id = ?", tenant);
        List<Object> before = ciphertexts(tenant);

        assertThatThrownBy(() -> credentials.apiKeyFor(tenant, null, "openai"))
                .isInstanceOf(CredentialUnreadableException.class)
                .hasMessage("credential unreadable: key retired not configured");
        rotation.rotate();
        assertThat(keyIds(tenant)).containsOnly("retired");
        assertThat(ciphertexts(tenant)).isEqualTo(before);
        assertThat(output.text()).contains("sealed with key retired, which is not configured");
        assertThat(admin.items("/api/credentials")).extracting(item -> item.get("key_id")).containsExactly("retired");

        String anew = secret();
        assertThat(admin.status(HttpRequest.PUT("/api/credentials/openai", apiKey(anew)))).isEqualTo(200);
        assertThat(credentials.apiKeyFor(tenant, null, "openai")).contains(anew);
        assertThat(keyIds(tenant)).containsOnly("k1");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void no_log_line_of_the_whole_run_holds_a_key() {
        assertThat(output.text()).as("the capture holds the service's log").contains("provider credentials: sealing with key k1");
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(output.text()).doesNotContain(secret);
        }
    }

    /** Every credential endpoint, as this caller, with a well-formed request. */
    private List<Integer> statuses(Api caller) {
        String key = secret();
        return List.of(caller.status(HttpRequest.GET("/api/credentials")),
                caller.status(HttpRequest.PUT("/api/credentials/openai", apiKey(key))),
                caller.status(HttpRequest.DELETE("/api/credentials/openai")),
                caller.status(HttpRequest.PUT("/api/agents/sales/credentials/openai", apiKey(key))),
                caller.status(HttpRequest.DELETE("/api/agents/sales/credentials/openai")));
    }

    /** Another service acting for a user of the tenant with the (development) service credential. */
    private Api serviceActingFor(String tenant, String user) {
        return new Api(Map.of(ServiceCredentials.TOKEN_HEADER, ServiceCredentials.LOCAL_DEFAULT,
                ServiceCredentials.TENANT_HEADER, tenant, ServiceCredentials.USER_HEADER, user));
    }

    /** agent-service again, beside this test's, with the given environment variables (and this test's topics). */
    private ApplicationContext startReplica(Map<String, Object> environment) {
        MapPropertySource variables = new MapPropertySource("replica-environment", environment) {
            @Override
            public int getOrder() {
                return EnvironmentPropertySource.POSITION;
            }

            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }
        };
        Map<String, Object> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
        return ApplicationContext.builder().environments("test").properties(properties).propertySources(variables).start();
    }

    private static List<String> keyIds(String tenant) {
        return query("SELECT key_id FROM agent.provider_credentials WHERE tenant_id = ?", tenant).stream()
                .map(row -> (String) row.get("key_id")).toList();
    }

    /** Each row's ciphertext, as text for comparing. */
    private static List<Object> ciphertexts(String tenant) {
        return query("SELECT ciphertext FROM agent.provider_credentials WHERE tenant_id = ? ORDER BY id", tenant).stream()
                .map(row -> (Object) Base64.getEncoder().encodeToString((byte[]) row.get("ciphertext"))).toList();
    }

    private static void execute(String sql, String... parameters) throws SQLException {
        try (Connection db = TestDatabase.admin(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private String secret() {
        String secret = "sk-cred-it-" + UUID.randomUUID();
        secrets.add(secret);
        return secret;
    }

    private String newTenant() {
        String tenant = "tenant-" + UUID.randomUUID();
        tenants.add(tenant);
        return tenant;
    }

    private static Map<String, Object> apiKey(String key) {
        return Map.of("api_key", key);
    }

    private static Map<String, Object> salesAgent() {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("slug", "sales");
        agent.put("name", "Sales Sam");
        agent.put("system_prompt", "You are Sales Sam.");
        return agent;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** One caller of the API: a bearer token, the service credential's headers, or no header. Keeps every answer's body. */
    private final class Api {
        private final Map<String, String> headers;

        Api(String token) {
            this(Map.of("Authorization", "Bearer " + token));
        }

        Api(Map<String, String> headers) {
            this.headers = headers;
        }

        HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<?> request) {
            headers.forEach(request::header);
            HttpResponse<String> response;
            try {
                response = http.toBlocking().exchange(request, String.class);
            } catch (HttpClientResponseException e) {
                e.getResponse().getBody(String.class).ifPresent(answers::add);
                throw e;
            }
            String body = response.getBody().orElse("");
            answers.add(body);
            Map<String, Object> parsed = body.isEmpty() ? Map.of() : parse(body);
            return HttpResponse.<Map<String, Object>>status(response.getStatus()).body(parsed);
        }

        Map<String, Object> send(MutableHttpRequest<?> request) {
            return exchange(request).body();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items(String path) {
            return (List<Map<String, Object>>) send(HttpRequest.GET(path)).get("items");
        }

        int status(MutableHttpRequest<?> request) {
            try {
                return exchange(request).getStatus().getCode();
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode();
            }
        }

        /** The fields a problem of that status names. */
        @SuppressWarnings("unchecked")
        List<Object> problemFields(MutableHttpRequest<?> request, int status) {
            try {
                exchange(request);
            } catch (HttpClientResponseException e) {
                assertThat(e.getStatus().getCode()).as("status of %s %s", request.getMethod(), request.getPath()).isEqualTo(status);
                assertThat(e.getResponse().getContentType().map(Object::toString).orElse("")).contains("problem+json");
                Map<String, Object> problem = parse(e.getResponse().getBody(String.class).orElseThrow());
                List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.getOrDefault("errors", List.of());
                return new ArrayList<>(errors.stream().map(error -> error.get("field")).toList());
            }
            throw new AssertionError(request.getMethod() + " " + request.getPath() + " succeeded; expected " + status);
        }

        private Map<String, Object> parse(String body) {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
