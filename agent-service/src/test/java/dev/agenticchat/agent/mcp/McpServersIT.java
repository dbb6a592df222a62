package dev.agenticchat.agent.mcp;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.CapturedOutput;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import dev.agenticchat.support.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
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
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.ArrayList;
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
 * The registry of MCP servers over agent-service's HTTP API (as the gateway forwards it), on real
 * Postgres: who may register and see them, what is refused, that no answer, audit entry or log line
 * holds a header's value, and the agents' {@code mcp_servers}. Private addresses are allowed here
 * (the test servers listen on loopback); {@link McpServerAddressesIT} shows the refusal.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpServersIT implements TestPropertyProvider {
    private static final String K1 = newKey();
    private static final String K2 = newKey();

    /** First, so it holds every log line of the service's start too. */
    private final CapturedOutput output = CapturedOutput.start();
    private final TestJwks jwks = TestJwks.start();
    private final String messagesTopic = TestKafka.createTopic("mcp-servers-it.chat.messages", 1);
    /** Every header value this class sends: none may show up in an answer, the audit log or a log line. */
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    /** Every answer's body as it came over the wire. */
    private final List<String> answers = new CopyOnWriteArrayList<>();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    McpServerService servers;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
        properties.put("agent.mcp.allow-private-addresses", "true");
        properties.put("agent.credentials.keys.k1", K1);
        properties.put("agent.credentials.keys.k2", K2);
        properties.put("agent.credentials.active-key-id", "k1");
        properties.put("agent.credentials.rotation-interval", "1h");
        return properties;
    }

    @AfterAll
    void stop() throws SQLException {
        // What k1 and k2 sealed would only earn the next test class's contexts "key not configured" warnings.
        try (Connection db = TestDatabase.admin(); Statement statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM agent.mcp_servers WHERE key_id IN ('k1', 'k2')");
        }
        jwks.close();
        output.close();
    }

    @Test
    void a_tenant_admin_registers_lists_changes_and_deletes_servers_and_sees_only_header_names() {
        String tenant = newTenant();
        String adminId = "admin-" + UUID.randomUUID();
        Api admin = new Api(jwks.token(tenant, adminId, Role.PERSON, Role.TENANT_ADMIN));
        String token = secret();
        String apiKey = secret();

        Map<String, Object> created = admin.send(HttpRequest.POST("/api/mcp-servers", server("orders",
                "https://orders.example.com/mcp", "streamable_http", Map.of("Authorization", "Bearer " + token, "X-Api-Key", apiKey))));
        assertThat(created).containsEntry("slug", "orders").containsEntry("name", "Orders orders")
                .containsEntry("url", "https://orders.example.com/mcp").containsEntry("transport", "streamable_http")
                .containsEntry("header_names", List.of("Authorization", "X-Api-Key")).containsEntry("enabled", true)
                .containsEntry("updated_by", adminId).containsKeys("created_at", "updated_at", "key_id");
        assertThat(admin.status(HttpRequest.POST("/api/mcp-servers", server("orders", "https://other.example.com/mcp", "sse",
                Map.of())))).as("a slug is the tenant's once").isEqualTo(409);
        admin.send(HttpRequest.POST("/api/mcp-servers", server("archive", "https://archive.example.com/sse", "sse", null)));

        assertThat(admin.items("/api/mcp-servers")).extracting(item -> item.get("slug")).containsExactly("archive", "orders");
        assertThat(admin.get("/api/mcp-servers/archive")).containsEntry("header_names", List.of()).containsEntry("transport", "sse");

        String newToken = secret();
        Map<String, Object> changed = admin.send(HttpRequest.PATCH("/api/mcp-servers/orders",
                Map.of("headers", Map.of("Authorization", "Bearer " + newToken), "enabled", false)));
        assertThat(changed).containsEntry("header_names", List.of("Authorization")).containsEntry("enabled", false)
                .containsEntry("url", "https://orders.example.com/mcp");
        admin.send(HttpRequest.PATCH("/api/mcp-servers/orders", Map.of("name", "Order desk", "url", "https://desk.example.com/mcp")));
        assertThat(admin.get("/api/mcp-servers/orders")).containsEntry("name", "Order desk")
                .containsEntry("url", "https://desk.example.com/mcp");

        assertThat(admin.status(HttpRequest.DELETE("/api/mcp-servers/archive"))).isEqualTo(204);
        assertThat(admin.status(HttpRequest.GET("/api/mcp-servers/archive"))).isEqualTo(404);
        assertThat(admin.status(HttpRequest.DELETE("/api/mcp-servers/archive"))).isEqualTo(404);
        assertThat(admin.items("/api/mcp-servers")).extracting(item -> item.get("slug")).containsExactly("orders");

        List<Map<String, Object>> audit = query("SELECT type, summary, details::text AS details FROM agent.audit_log"
                + " WHERE tenant_id = ? ORDER BY occurred_at, id", tenant);
        assertThat(audit).extracting(entry -> entry.get("type")).containsExactly("mcp_server.created", "mcp_server.created",
                "mcp_server.updated", "mcp_server.updated", "mcp_server.deleted");
        assertThat(audit.get(2).get("summary")).isEqualTo("changed MCP server orders: enabled, headers");
        assertThat(audit.get(3).get("summary")).isEqualTo("changed MCP server orders: name, url");
        assertThat(admin.items("/api/audit/logs?type=mcp_server.updated")).hasSize(2);
        assertThat(audit).allSatisfy(entry -> assertThat(entry.toString()).doesNotContain(token, apiKey, newToken));
        assertThat(query("SELECT ciphertext, header_names FROM agent.mcp_servers WHERE tenant_id = ?", tenant).toString())
                .doesNotContain(newToken);
        assertThat(answers).isNotEmpty().allSatisfy(answer -> assertThat(answer).doesNotContain(token, apiKey, newToken));
    }

    @Test
    void only_the_tenants_admins_reach_its_servers_and_another_tenants_admin_only_their_own() {
        String tenant = newTenant();
        Api admin = new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.POST("/api/mcp-servers", server("orders", "https://orders.example.com/mcp", "streamable_http",
                Map.of("Authorization", "Bearer " + secret()))));
        Api person = new Api(jwks.token(tenant, "person-" + UUID.randomUUID(), Role.PERSON));
        Api visitor = new Api(jwks.token(tenant, "visitor-" + UUID.randomUUID(), Role.VISITOR));
        Api otherAdmin = new Api(jwks.token(newTenant(), "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));

        for (Api notAdmin : List.of(person, visitor)) {
            assertThat(statuses(notAdmin)).as("a caller who is no admin of the tenant").containsOnly(403);
        }
        assertThat(statuses(new Api(null))).containsOnly(401);
        assertThat(statuses(new Api("not-a-token"))).containsOnly(401);

        assertThat(otherAdmin.items("/api/mcp-servers")).isEmpty();
        assertThat(otherAdmin.status(HttpRequest.GET("/api/mcp-servers/orders"))).isEqualTo(404);
        assertThat(otherAdmin.status(HttpRequest.PATCH("/api/mcp-servers/orders", Map.of("enabled", false)))).isEqualTo(404);
        assertThat(otherAdmin.status(HttpRequest.DELETE("/api/mcp-servers/orders"))).isEqualTo(404);
        assertThat(otherAdmin.status(HttpRequest.POST("/api/mcp-servers", server("orders", "https://mine.example.com/mcp",
                "sse", Map.of())))).as("the slug is free in their own tenant").isEqualTo(201);
        assertThat(admin.get("/api/mcp-servers/orders")).containsEntry("url", "https://orders.example.com/mcp")
                .containsEntry("enabled", true);
    }

    @Test
    void refuses_bad_servers_naming_each_field_and_never_echoing_a_header_value() {
        Api admin = new Api(jwks.token(newTenant(), "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        String secret = secret();

        assertThat(admin.problemFields(HttpRequest.POST("/api/mcp-servers", Map.of()), 422))
                .containsExactlyInAnyOrder("slug", "name", "url", "transport");
        Map<String, String> badHeaders = new LinkedHashMap<>();
        badHeaders.put("Bad Name", "x");
        badHeaders.put("Host", "evil.example.com");
        badHeaders.put("X-Line", secret + "\r\nX-Injected: 1");
        badHeaders.put("X-Long", "v".repeat(4097));
        badHeaders.put("X-Empty", "");
        assertThat(admin.problemFields(HttpRequest.POST("/api/mcp-servers",
                server("Not A Slug", "ftp://files.example.com/mcp", "stdio", badHeaders)), 422))
                .containsExactlyInAnyOrder("slug", "url", "transport", "headers", "headers.Host", "headers.X-Line",
                        "headers.X-Long", "headers.X-Empty");
        for (String url : List.of("/relative/mcp", "https://user:pw@orders.example.com/mcp", "https://orders.example.com/mcp#x",
                "not a url", "https:///no-host")) {
            assertThat(admin.problemFields(HttpRequest.POST("/api/mcp-servers", server("orders", url, "sse", Map.of())), 422))
                    .as(url).containsExactly("url");
        }
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("X-Header-" + i, "v");
        }
        assertThat(admin.problemFields(HttpRequest.POST("/api/mcp-servers", server("orders", "https://orders.example.com/mcp",
                "sse", many)), 422)).containsExactly("headers");
        admin.send(HttpRequest.POST("/api/mcp-servers", server("orders", "https://orders.example.com/mcp", "sse", Map.of())));
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/mcp-servers/orders", Map.of()), 422)).containsExactly("body");
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/mcp-servers/orders", Map.of("slug", "renamed", "transport", "ws")),
                422)).containsExactlyInAnyOrder("slug", "transport");
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(secret));
    }

    @Test
    void an_agent_lists_only_its_tenants_servers_and_its_versions_keep_them() {
        String tenant = newTenant();
        Api admin = new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        admin.send(HttpRequest.POST("/api/mcp-servers", server("orders", "https://orders.example.com/mcp", "streamable_http",
                Map.of())));
        admin.send(HttpRequest.POST("/api/mcp-servers", server("archive", "https://archive.example.com/sse", "sse", Map.of())));
        Api otherAdmin = new Api(jwks.token(newTenant(), "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        otherAdmin.send(HttpRequest.POST("/api/mcp-servers", server("theirs", "https://theirs.example.com/mcp", "sse", Map.of())));

        assertThat(admin.problemFields(HttpRequest.POST("/api/agents", agent("support", List.of("orders", "nope", "theirs"))), 422))
                .containsExactly("mcp_servers[1]", "mcp_servers[2]");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("orders");
        }
        assertThat(admin.status(HttpRequest.POST("/api/agents", agent("support", eleven)))).isEqualTo(400);

        Map<String, Object> created = admin.send(HttpRequest.POST("/api/agents", agent("support", List.of("orders"))));
        assertThat(created).containsEntry("mcp_servers", List.of("orders"));
        assertThat(admin.send(HttpRequest.POST("/api/agents", agent("plain", null)))).containsEntry("mcp_servers", List.of());
        Map<String, Object> changed = admin.send(HttpRequest.PATCH("/api/agents/support",
                Map.of("mcp_servers", List.of("archive", "orders"))));
        assertThat(changed).containsEntry("mcp_servers", List.of("archive", "orders")).containsEntry("version", 2);
        assertThat(admin.problemFields(HttpRequest.PATCH("/api/agents/support", Map.of("mcp_servers", List.of("theirs"))), 422))
                .containsExactly("mcp_servers[0]");
        assertThat(admin.items("/api/agents/support/versions")).extracting(version -> version.get("mcp_servers"))
                .containsExactly(List.of("archive", "orders"), List.of("orders"));
        assertThat(query("SELECT details->'changed' AS changed FROM agent.audit_log WHERE tenant_id = ? AND type = 'agent.updated'",
                tenant)).singleElement().satisfies(entry -> assertThat(entry.get("changed").toString()).contains("mcp_servers"));
    }

    @Test
    void rotation_reseals_the_headers_with_the_active_key_and_they_still_open() {
        String tenant = newTenant();
        Api admin = new Api(jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        String token = secret();
        admin.send(HttpRequest.POST("/api/mcp-servers", server("orders", "https://orders.example.com/mcp", "streamable_http",
                Map.of("Authorization", "Bearer " + token))));
        Map<String, Object> before = query("SELECT key_id, ciphertext FROM agent.mcp_servers WHERE tenant_id = ?", tenant).get(0);
        assertThat(before).containsEntry("key_id", "k1");

        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("agent.credentials.active-key-id", "k2");
        try (ApplicationContext replica = ApplicationContext.builder().environments("test").properties(properties).start()) {
            Map<String, Object> after = query("SELECT key_id, ciphertext FROM agent.mcp_servers WHERE tenant_id = ?", tenant).get(0);
            assertThat(after).as("re-sealed when the replica started").containsEntry("key_id", "k2");
            assertThat((byte[]) after.get("ciphertext")).isNotEqualTo(before.get("ciphertext"));
            assertThat(replica.getBean(McpServerService.class).endpoints(tenant, List.of("orders"))).singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.headers()).containsExactly(Map.entry("Authorization",
                            "Bearer " + token)));
        }
        assertThat(servers.endpoints(tenant, List.of("orders"))).as("k2 is configured here too").singleElement()
                .satisfies(endpoint -> assertThat(endpoint.headers()).containsEntry("Authorization", "Bearer " + token));
        assertThat(admin.get("/api/mcp-servers/orders")).containsEntry("key_id", "k2");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void no_log_line_of_the_whole_run_holds_a_header_value() {
        assertThat(output.text()).as("the capture holds the service's log").contains("provider credentials: sealing with key");
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(output.text()).doesNotContain(secret);
        }
    }

    /** Every endpoint, as this caller, with a well-formed request. */
    private List<Integer> statuses(Api caller) {
        return List.of(caller.status(HttpRequest.GET("/api/mcp-servers")),
                caller.status(HttpRequest.POST("/api/mcp-servers", server("fresh", "https://fresh.example.com/mcp", "sse",
                        Map.of("Authorization", "Bearer " + secret())))),
                caller.status(HttpRequest.GET("/api/mcp-servers/orders")),
                caller.status(HttpRequest.PATCH("/api/mcp-servers/orders", Map.of("enabled", false))),
                caller.status(HttpRequest.DELETE("/api/mcp-servers/orders")));
    }

    static Map<String, Object> server(String slug, String url, String transport, Map<String, String> headers) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("slug", slug);
        server.put("name", "Orders " + slug);
        server.put("url", url);
        server.put("transport", transport);
        if (headers != null) {
            server.put("headers", headers);
        }
        return server;
    }

    static Map<String, Object> agent(String slug, List<String> mcpServers) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("slug", slug);
        agent.put("name", slug);
        agent.put("system_prompt", "You are " + slug + ".");
        if (mcpServers != null) {
            agent.put("mcp_servers", mcpServers);
        }
        return agent;
    }

    private String secret() {
        String secret = "mcp-secret-" + UUID.randomUUID();
        secrets.add(secret);
        return secret;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    /** A caller whose every answer body is kept in {@link #answers}; a null token sends none. */
    private final class Api {
        private final String token;

        Api(String token) {
            this.token = token;
        }

        Map<String, Object> send(MutableHttpRequest<?> request) {
            String body = new ApiCaller(http, token).exchangeText(request).getBody().orElse("");
            answers.add(body);
            return body.isEmpty() ? Map.of() : read(body);
        }

        Map<String, Object> get(String path) {
            return send(HttpRequest.GET(path));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items(String path) {
            return (List<Map<String, Object>>) get(path).get("items");
        }

        int status(MutableHttpRequest<?> request) {
            try {
                HttpResponse<String> response = token == null ? http.toBlocking().exchange(request, String.class)
                        : new ApiCaller(http, token).exchangeText(request);
                answers.add(response.getBody().orElse(""));
                return response.getStatus().getCode();
            } catch (HttpClientResponseException e) {
                answers.add(e.getResponse().getBody(String.class).orElse(""));
                return e.getStatus().getCode();
            }
        }

        /** The fields a problem of that status names. */
        @SuppressWarnings("unchecked")
        List<Object> problemFields(MutableHttpRequest<?> request, int status) {
            try {
                new ApiCaller(http, token).exchangeText(request);
            } catch (HttpClientResponseException e) {
                String body = e.getResponse().getBody(String.class).orElse("");
                answers.add(body);
                assertThat(e.getStatus().getCode()).as("status of %s %s: %s", request.getMethod(), request.getPath(), body)
                        .isEqualTo(status);
                assertThat(e.getResponse().getContentType().map(Object::toString).orElse("")).contains("problem+json");
                List<Map<String, Object>> errors = (List<Map<String, Object>>) read(body).getOrDefault("errors", List.of());
                return errors.stream().map(error -> error.get("field")).toList();
            }
            throw new AssertionError(request.getMethod() + " " + request.getPath() + " succeeded; expected " + status);
        }

        private Map<String, Object> read(String body) {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
