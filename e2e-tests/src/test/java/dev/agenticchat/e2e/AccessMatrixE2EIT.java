package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's roles table, walked: every public endpoint of the HTTP API, called by every kind of
 * caller against the running services, answers exactly the status the table promises.
 *
 * <p>Two fresh tenants per run. In tenant A: the owner (an anonymous visitor) holds a thread with
 * messages and a summary, a chart artifact with two versions and a share link, and a private
 * knowledge base with one indexed document; the tenant admin holds a tenant knowledge base with one
 * indexed document and a webhook. The other callers own nothing of it. The other tenant's caller is
 * that tenant's admin, so a role never reaches across tenants.
 */
class AccessMatrixE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TURN = Duration.ofSeconds(60);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /** The columns of the matrix, in this order. */
    enum Caller {
        /** An anonymous visitor of tenant A who owns the private resources. */
        OWNER,
        /** A linked person of tenant A (role person), no admin. */
        PERSON,
        /** Another anonymous session of tenant A (role visitor). */
        VISITOR,
        /** A person the operator made tenant A's admin. */
        TENANT_ADMIN,
        /** The admin of tenant B. */
        OTHER_TENANT,
        /** The holder of ADMIN_TOKEN, presented as README says (Bearer on /api/admin/tenants, X-Admin-Token on the mail log). */
        OPERATOR,
        NO_TOKEN
    }

    private static final Set<Caller> TENANT_A = EnumSet.of(Caller.OWNER, Caller.PERSON, Caller.VISITOR, Caller.TENANT_ADMIN);

    // Read one line as: this request, by owner, person, visitor, tenant admin, other tenant, operator, no token, answers these statuses.
    // Destructive rows come last, children before parents; within a row the callers expected to fail go first.
    private static final List<Row> MATRIX = List.of(
            //                                                                                     owner person visitor admin other  oper  none
            row("GET", "/api/me", none(),                                                           200, 200, 200, 200, 200, 401, 401),
            // threads, messages, summary: the owner's alone
            row("GET", "/api/threads", none(),                                                      200, 200, 200, 200, 200, 401, 401)
                    .listing("thread", Caller.OWNER),
            row("GET", "/api/threads/{thread}", none(),                                             200, 404, 404, 404, 404, 401, 401),
            row("PATCH", "/api/threads/{thread}", json("{'title': 'Renamed by the caller'}"),       200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/threads/{thread}/messages", none(),                                    200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/threads/{thread}/export?format=json", none(),                          200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/threads/{thread}/export?format=html", none(),                          200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/threads/{thread}/summary", none(),                                     200, 404, 404, 404, 404, 401, 401),
            row("POST", "/api/messages", json("{'thread_id': '{thread}', 'content': '[[text:Noted.]] one more thing', "
                    + "'client_message_id': '{fresh}'}"),                                           201, 404, 404, 404, 404, 401, 401),
            row("POST", "/api/threads/{thread}/messages", json("{'content': '[[text:Noted.]] over HTTP', "
                    + "'client_message_id': '{fresh}'}"),                                           201, 404, 404, 404, 404, 401, 401),
            // attachments: the uploader's alone; anyone of the tenant may upload their own; nobody may send another's
            row("POST", "/api/attachments", file("mine.txt", "My own notes."),                     201, 201, 201, 201, 201, 401, 401),
            row("GET", "/api/attachments/{attachment}", none(),                                     200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/attachments/{attachment}/content", none(),                             200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/attachments/{attachment}/text", none(),                                200, 404, 404, 404, 404, 401, 401),
            row("POST", "/api/messages", json("{'content': 'read this', 'client_message_id': '{fresh}', "
                    + "'attachment_ids': ['{attachment}']}"),                                       201, 422, 422, 422, 422, 401, 401),
            row("POST", "/api/threads", json("{'title': 'My own'}"),                                201, 201, 201, 201, 201, 401, 401),
            // Attaching on create: README's table says 404 for a knowledge base the caller cannot see; the caller's own new
            // thread exists, so chat-service answers 422 for the unknown reference in its body, which is what we assert.
            row("POST", "/api/threads", json("{'knowledge_base_ids': ['{kb}']}"),                   201, 422, 422, 422, 422, 401, 401),
            row("POST", "/api/threads", json("{'knowledge_base_ids': ['{tenant_kb}']}"),            201, 201, 201, 201, 422, 401, 401),
            row("PATCH", "/api/threads/{thread}", json("{'knowledge_base_ids': ['{tenant_kb}']}"),  200, 404, 404, 404, 404, 401, 401),
            // artifacts, versions, exports, share links: the owner's alone; a share link's token is for anyone
            row("GET", "/api/artifacts", none(),                                                    200, 200, 200, 200, 200, 401, 401)
                    .listing("artifact", Caller.OWNER),
            row("POST", "/api/artifacts", json("{'type': 'markdown', 'content': {'title': 'Notes', 'markdown': '# Notes'}}"),
                                                                                                    201, 201, 201, 201, 201, 401, 401),
            row("GET", "/api/artifacts/{artifact}", none(),                                         200, 404, 404, 404, 404, 401, 401),
            row("PATCH", "/api/artifacts/{artifact}", mergePatch("{'content': {'title': 'Quarterly sales, reviewed'}}"),
                                                                                                    200, 404, 404, 404, 404, 401, 401),
            row("POST", "/api/artifacts/{artifact}/versions", json("{'patch': {'title': 'Quarterly sales, final'}}"),
                                                                                                    201, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/artifacts/{artifact}/versions", none(),                                200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/artifacts/{artifact}/versions/1", none(),                              200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/artifacts/{artifact}/diff?from=1&to=2", none(),                        200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/artifacts/{artifact}/export?format=json", none(),                      200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/artifacts/{artifact}/export?format=html", none(),                      200, 404, 404, 404, 404, 401, 401),
            row("POST", "/api/artifacts/{artifact}/shares", json("{}"),                             201, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/artifacts/{artifact}/shares", none(),                                  200, 404, 404, 404, 404, 401, 401)
                    .listing("share", Caller.OWNER),
            row("GET", "/api/shared/{share_token}", none(),                                         200, 200, 200, 200, 200, 200, 200),
            row("GET", "/shared/{share_token}", none(),                                             200, 200, 200, 200, 200, 200, 200),
            row("GET", "/api/artifact-types", none(),                                               200, 200, 200, 200, 200, 200, 200),
            // a private knowledge base: the owner's alone, tenant admins included
            row("GET", "/api/knowledge-bases", none(),                                              200, 200, 200, 200, 200, 401, 401)
                    .listing("kb", Caller.OWNER).listing("tenant_kb", TENANT_A.toArray(Caller[]::new)),
            row("GET", "/api/knowledge-bases/{kb}", none(),                                         200, 404, 404, 404, 404, 401, 401),
            row("PATCH", "/api/knowledge-bases/{kb}", json("{'name': 'Renamed by the caller'}"),    200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/knowledge-bases/{kb}/documents", none(),                               200, 404, 404, 404, 404, 401, 401)
                    .listing("doc", Caller.OWNER),
            row("POST", "/api/knowledge-bases/{kb}/documents", file("more-notes.txt", "Parking is behind the building."),
                                                                                                    202, 404, 404, 404, 404, 401, 401),
            row("POST", "/api/knowledge-bases/{kb}/search", json("{'query': 'vacation', 'mode': 'keyword'}"),
                                                                                                    200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/documents/{doc}", none(),                                              200, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/documents/{doc}/text", none(),                                         200, 404, 404, 404, 404, 401, 401),
            row("POST", "/api/knowledge-bases", json("{'name': 'My own'}"),                         201, 201, 201, 201, 201, 401, 401),
            row("POST", "/api/knowledge-bases", json("{'name': 'For everyone', 'owner': 'tenant'}"),
                                                                                                    403, 403, 403, 201, 201, 401, 401),
            // a tenant knowledge base: everyone of the tenant reads, searches and attaches it; its admins change it
            row("GET", "/api/knowledge-bases/{tenant_kb}", none(),                                  200, 200, 200, 200, 404, 401, 401),
            row("GET", "/api/knowledge-bases/{tenant_kb}/documents", none(),                        200, 200, 200, 200, 404, 401, 401)
                    .listing("tenant_doc", TENANT_A.toArray(Caller[]::new)),
            row("POST", "/api/knowledge-bases/{tenant_kb}/search", json("{'query': 'parental leave', 'mode': 'keyword'}"),
                                                                                                    200, 200, 200, 200, 404, 401, 401),
            row("GET", "/api/documents/{tenant_doc}", none(),                                       200, 200, 200, 200, 404, 401, 401),
            row("GET", "/api/documents/{tenant_doc}/text", none(),                                  403, 403, 403, 200, 404, 401, 401),
            row("PATCH", "/api/knowledge-bases/{tenant_kb}", json("{'name': 'Handbook, renamed'}"), 403, 403, 403, 200, 404, 401, 401),
            row("POST", "/api/knowledge-bases/{tenant_kb}/documents", file("holidays.txt", "The office closes on May 1."),
                                                                                                    403, 403, 403, 202, 404, 401, 401),
            // webhooks: tenant admins only, each of their own tenant
            row("POST", "/api/webhooks", json("{'url': 'http://127.0.0.1:9/hooks', "
                    + "'event_types': ['dev.agenticchat.retrieval.document.failed']}"),             403, 403, 403, 201, 201, 401, 401),
            row("POST", "/api/api-keys", json("{'name': 'matrix'}"),                                 403, 403, 403, 201, 201, 401, 401),
            row("GET", "/api/api-keys", none(),                                                     403, 403, 403, 200, 200, 401, 401),
            // the OpenAI-compatible API takes API keys only: an access token or ADMIN_TOKEN is no key
            row("GET", "/v1/models", none(),                                                        401, 401, 401, 401, 401, 401, 401),
            row("GET", "/api/webhooks", none(),                                                     403, 403, 403, 200, 200, 401, 401)
                    .listing("webhook", Caller.TENANT_ADMIN),
            row("GET", "/api/webhooks/{webhook}/deliveries", none(),                                403, 403, 403, 200, 404, 401, 401),
            // agents: everyone of the tenant reads the active ones by name; tenant admins manage them
            row("GET", "/api/agents", none(),                                                       200, 200, 200, 200, 200, 401, 401),
            row("GET", "/api/agents/{agent}", none(),                                               200, 200, 200, 200, 404, 401, 401),
            row("POST", "/api/agents", json("{'slug': '{new_agent}', 'name': 'Made by the matrix', 'system_prompt': 'Be brief.'}"),
                                                                                                    403, 403, 403, 201, 201, 401, 401),
            row("PATCH", "/api/agents/{agent}", json("{'name': 'Renamed by the matrix'}"),          403, 403, 403, 200, 404, 401, 401),
            row("GET", "/api/agents/{agent}/versions", none(),                                      403, 403, 403, 200, 404, 401, 401),
            // provider credentials: the tenant admins' alone, each admin their own tenant's; an agent's only in its tenant
            row("PUT", "/api/credentials/openai", json("{'api_key': 'sk-matrix-tenant-key'}"),      403, 403, 403, 201, 201, 401, 401),
            row("PUT", "/api/agents/{agent}/credentials/anthropic", json("{'api_key': 'sk-matrix-agent-key'}"),
                                                                                                    403, 403, 403, 201, 404, 401, 401),
            row("GET", "/api/credentials", none(),                                                  403, 403, 403, 200, 200, 401, 401)
                    .listing("agent", Caller.TENANT_ADMIN),
            // usage: tenant admins the whole tenant's, everyone else only their own (the owner's turn is under the owner's id)
            row("GET", "/api/usage?group_by=user", none(),                                          200, 200, 200, 200, 200, 401, 401)
                    .listing("owner_id", Caller.OWNER, Caller.TENANT_ADMIN),
            // budgets: tenant admins manage their tenant's; everyone reads the ones that hold them
            row("GET", "/api/budgets", none(),                                                      403, 403, 403, 200, 200, 401, 401),
            row("GET", "/api/budgets/mine", none(),                                                 200, 200, 200, 200, 200, 401, 401),
            row("POST", "/api/budgets", json("{'scope': 'tenant', 'period': 'month', 'metric': 'tokens', 'limit': 1000000000}"),
                                                                                                    403, 403, 403, 201, 201, 401, 401),
            // MCP servers: tenant admins register their tenant's; their header values are never shown
            row("POST", "/api/mcp-servers", json("{'slug': '{new_mcp}', 'name': 'Orders', 'url': 'http://127.0.0.1:9/mcp', "
                    + "'transport': 'streamable_http', 'headers': {'Authorization': 'Bearer matrix-mcp-secret'}}"),
                                                                                                    403, 403, 403, 201, 201, 401, 401),
            row("GET", "/api/mcp-servers", none(),                                                  403, 403, 403, 200, 200, 401, 401)
                    .listing("mcp", Caller.TENANT_ADMIN),
            row("GET", "/api/mcp-servers/{mcp}", none(),                                            403, 403, 403, 200, 404, 401, 401),
            row("PATCH", "/api/mcp-servers/{mcp}", json("{'name': 'Renamed by the matrix'}"),       403, 403, 403, 200, 404, 401, 401),
            // the operator's API: ADMIN_TOKEN only
            row("GET", "/api/admin/tenants", none(),                                                403, 403, 403, 403, 403, 200, 401),
            row("POST", "/api/admin/tenants", json("{'slug': '{new_slug}', 'name': 'Made by the matrix'}"),
                                                                                                    403, 403, 403, 403, 403, 201, 401),
            row("GET", "/api/admin/tenants/{tenant}", none(),                                       403, 403, 403, 403, 403, 200, 401),
            row("PATCH", "/api/admin/tenants/{tenant}", json("{'name': 'Renamed by the operator'}"),
                                                                                                    403, 403, 403, 403, 403, 200, 401),
            row("POST", "/api/admin/tenants/{tenant}/admins", json("{'email': '{admin_email}'}"),   403, 403, 403, 403, 403, 201, 401),
            // the sites that may embed the widget are a tenant setting: the operator's, not the tenant admin's
            row("PATCH", "/api/admin/tenants/{tenant}", json("{'allowed_origins': ['https://shop.example']}"),
                                                                                                    403, 403, 403, 403, 403, 200, 401),
            row("GET", "/widget.js", none(),                                                        200, 200, 200, 200, 200, 200, 200),
            row("GET", "/api/admin/email-events?recipient={admin_email}", none(),                   403, 403, 403, 403, 403, 200, 401),
            // the internal API answers the service credential only; a user token is authenticated there, never permitted
            row("GET", "/internal/tenants/{tenant_id}", none(),                                     403, 403, 403, 403, 403, 401, 401),
            row("GET", "/internal/users/{owner_id}", none(),                                        403, 403, 403, 403, 403, 401, 401),
            // deletions, children first; a revoked share link is gone for everyone
            row("DELETE", "/api/artifacts/{artifact}/shares/{share}", none(),                       204, 404, 404, 404, 404, 401, 401),
            row("GET", "/api/shared/{share_token}", none(),                                         404, 404, 404, 404, 404, 404, 404),
            row("DELETE", "/api/attachments/{spare_attachment}", none(),                            204, 404, 404, 404, 404, 401, 401),
            row("DELETE", "/api/documents/{doc}", none(),                                           204, 404, 404, 404, 404, 401, 401),
            row("DELETE", "/api/documents/{tenant_doc}", none(),                                    403, 403, 403, 204, 404, 401, 401),
            row("DELETE", "/api/knowledge-bases/{kb}", none(),                                      204, 404, 404, 404, 404, 401, 401),
            row("DELETE", "/api/knowledge-bases/{tenant_kb}", none(),                               403, 403, 403, 204, 404, 401, 401),
            row("DELETE", "/api/api-keys/{api_key}", none(),                                        403, 403, 403, 204, 404, 401, 401),
            row("DELETE", "/api/webhooks/{webhook}", none(),                                        403, 403, 403, 204, 404, 401, 401),
            row("DELETE", "/api/agents/{agent}/credentials/anthropic", none(),                      403, 403, 403, 204, 404, 401, 401),
            row("DELETE", "/api/credentials/openai", none(),                                        403, 403, 403, 204, 204, 401, 401),
            row("DELETE", "/api/mcp-servers/{mcp}", none(),                                         403, 403, 403, 204, 404, 401, 401),
            row("DELETE", "/api/agents/{agent}", none(),                                            403, 403, 403, 204, 404, 401, 401),
            row("DELETE", "/api/artifacts/{artifact}", none(),                                      204, 404, 404, 404, 404, 401, 401),
            row("DELETE", "/api/threads/{thread}", none(),                                          204, 404, 404, 404, 404, 401, 401));

    private static RunningSuite suite;
    private static Api api;
    private static final Map<Caller, Map<String, String>> CREDENTIALS = new EnumMap<>(Caller.class);
    private static final Map<String, String> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void createTheOwnersAndTheTenantsResources() {
        suite = RunningSuite.get();
        api = new Api(suite);
        String tenant = newTenant("10s");
        String otherTenant = newTenant(null);

        Api.Session owner = api.anonymousSession(tenant);
        Api.Session person = linkedPerson(tenant, "person_email");
        Api.Session admin = tenantAdmin(tenant, "admin_email");
        Api.Session otherAdmin = tenantAdmin(otherTenant, "other_admin_email");
        CREDENTIALS.put(Caller.OWNER, bearer(owner.accessToken()));
        CREDENTIALS.put(Caller.PERSON, bearer(person.accessToken()));
        CREDENTIALS.put(Caller.VISITOR, bearer(api.anonymousSession(tenant).accessToken()));
        CREDENTIALS.put(Caller.TENANT_ADMIN, bearer(admin.accessToken()));
        CREDENTIALS.put(Caller.OTHER_TENANT, bearer(otherAdmin.accessToken()));
        CREDENTIALS.put(Caller.OPERATOR, Map.of("Authorization", "Bearer " + RunningSuite.ADMIN_TOKEN,
                "X-Admin-Token", RunningSuite.ADMIN_TOKEN));
        CREDENTIALS.put(Caller.NO_TOKEN, Map.of());
        assertThat(api.get("/api/me", person.accessToken()).body().path("roles")).extracting(JsonNode::asText).containsExactly("person");
        IDS.put("tenant", tenant);
        IDS.put("tenant_id", owner.tenantId());
        IDS.put("owner_id", owner.userId());
        IDS.put("new_slug", "matrix-made-" + UUID.randomUUID().toString().substring(0, 8));
        IDS.put("new_agent", "matrix-made-" + UUID.randomUUID().toString().substring(0, 8));
        IDS.put("agent", "matrix-agent");
        Api.Response agent = api.post("/api/agents", admin.accessToken(), Map.of("slug", "matrix-agent", "name", "Matrix",
                "system_prompt", "You answer the access matrix."));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
        IDS.put("new_mcp", "made-mcp-" + UUID.randomUUID().toString().substring(0, 8));
        IDS.put("mcp", "matrix-desk");
        Api.Response mcp = api.post("/api/mcp-servers", admin.accessToken(), Map.of("slug", "matrix-desk", "name", "Desk",
                "url", "http://127.0.0.1:9/mcp", "transport", "sse", "headers", Map.of("X-Api-Key", "matrix-desk-key")));
        assertThat(mcp.status()).as(mcp.toString()).isEqualTo(201);

        // The owner's private knowledge base goes first: its document indexes while the agent answers.
        String kb = created(api.post("/api/knowledge-bases", owner.accessToken(), Map.of("name", "My notes")));
        IDS.put("kb", kb);
        IDS.put("doc", accepted(api.upload("/api/knowledge-bases/" + kb + "/documents", owner.accessToken(), "notes.txt",
                "Employees receive twenty-seven vacation days per year.".getBytes(StandardCharsets.UTF_8))));
        String tenantKb = created(api.post("/api/knowledge-bases", admin.accessToken(), Map.of("name", "Handbook", "owner", "tenant")));
        IDS.put("tenant_kb", tenantKb);
        IDS.put("tenant_doc", accepted(api.upload("/api/knowledge-bases/" + tenantKb + "/documents", admin.accessToken(),
                "handbook.txt", "Parental leave is sixteen weeks, fully paid.".getBytes(StandardCharsets.UTF_8))));
        IDS.put("api_key", created(api.post("/api/api-keys", admin.accessToken(), Map.of("name", "Matrix"))));
        IDS.put("webhook", created(api.post("/api/webhooks", admin.accessToken(), Map.of("url", "http://127.0.0.1:9/hooks",
                "event_types", List.of("dev.agenticchat.retrieval.document.failed")))));

        try (WsClient ws = WsClient.authenticated(suite, owner.accessToken())) {
            ws.send(Map.of("type", "user_message", "content", "make a bar chart of quarterly sales",
                    "client_message_id", UUID.randomUUID().toString()));
            IDS.put("thread", ws.awaitType("user_message", Duration.ofSeconds(15)).path("thread_id").asText());
            IDS.put("artifact", ws.awaitType("artifact_created", TURN).path("artifact").path("id").asText());
            ws.awaitType("turn_completed", TURN);
        }
        IDS.put("attachment", created(api.upload("/api/attachments", owner.accessToken(), "receipt.txt",
                "Paid 12 euros for parking.".getBytes(StandardCharsets.UTF_8))));
        IDS.put("spare_attachment", created(api.upload("/api/attachments", owner.accessToken(), "spare.txt",
                "Not needed after all.".getBytes(StandardCharsets.UTF_8))));
        // A second version, so that the diff has two ends.
        Api.Response second = api.exchange("PATCH", "/api/artifacts/" + IDS.get("artifact"), bearer(owner.accessToken()),
                "application/merge-patch+json", bytes("{\"content\": {\"title\": \"Quarterly sales, v2\"}}"));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        Api.Response share = api.post("/api/artifacts/" + IDS.get("artifact") + "/shares", owner.accessToken(), Map.of());
        IDS.put("share", created(share));
        IDS.put("share_token", share.body().path("token").asText());

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(api.get("/api/documents/" + IDS.get("doc"), owner.accessToken()).body().path("status").asText()).isEqualTo("indexed");
            assertThat(api.get("/api/documents/" + IDS.get("tenant_doc"), admin.accessToken()).body().path("status").asText())
                    .isEqualTo("indexed");
        });
        // The tenant's inactivity timeout is 10 s: the quiet thread gets its summary, which the matrix then reads.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(api.get("/api/threads/" + IDS.get("thread") + "/summary", owner.accessToken()).status()).isEqualTo(200));
    }

    @Test
    void every_public_endpoint_answers_each_kind_of_caller_exactly_as_the_roles_table_promises() {
        List<String> wrong = new ArrayList<>();
        for (Row row : MATRIX) {
            // Refusals first: a caller who succeeds (a delete) must not change what the others are refused.
            List<Caller> callers = new ArrayList<>(List.of(Caller.values()));
            callers.sort(Comparator.comparing(caller -> row.expected().get(caller) < 300));
            for (Caller caller : callers) {
                wrong.addAll(check(row, caller));
            }
        }
        assertThat(wrong).as("endpoints answering a caller otherwise than README's roles table").isEmpty();
    }

    private static List<String> check(Row row, Caller caller) {
        String path = substitute(row.path());
        Payload payload = row.body().render();
        Api.Response response = api.exchange(row.method(), path, CREDENTIALS.get(caller), payload.contentType(), payload.bytes());
        int expected = row.expected().get(caller);
        String call = row.method() + " " + row.path() + " as " + caller;
        List<String> wrong = new ArrayList<>();
        if (response.status() != expected) {
            wrong.add(call + ": expected " + expected + ", got " + response.status() + " " + abbreviated(response.body()));
            return wrong;
        }
        // The OpenAI-compatible API (/v1/**) answers OpenAI's error shape, which its clients read.
        if (expected >= 400 && !row.path().startsWith("/v1/") && !response.contentType().startsWith("application/problem+json")) {
            wrong.add(call + ": a " + expected + " as " + response.contentType() + " instead of application/problem+json");
        }
        row.listed().forEach((name, seers) -> {
            if (expected == 200 && response.body().toString().contains(IDS.get(name)) != seers.contains(caller)) {
                wrong.add(call + ": " + (seers.contains(caller) ? "misses " : "shows ") + name + " " + IDS.get(name));
            }
        });
        return wrong;
    }

    /** A new anonymous session of the tenant, linked to a new address kept as {@code {emailKey}}. */
    private static Api.Session linkedPerson(String tenant, String emailKey) {
        String email = emailKey.replace("_email", "") + "-" + UUID.randomUUID() + "@matrix.example";
        IDS.put(emailKey, email);
        return api.linkEmail(api.anonymousSession(tenant), email, () -> Api.codeMailedTo(suite.mail(), email));
    }

    private static Api.Session tenantAdmin(String tenant, String emailKey) {
        Api.Session person = linkedPerson(tenant, emailKey);
        Api.Response named = api.operator("POST", "/api/admin/tenants/" + tenant + "/admins", Map.of("email", IDS.get(emailKey)));
        assertThat(named.status()).as(named.toString()).isEqualTo(201);
        // The role is in the next token.
        Api.Session admin = api.refresh(person);
        assertThat(api.get("/api/me", admin.accessToken()).body().path("roles")).extracting(JsonNode::asText).contains("tenant_admin");
        return admin;
    }

    private static String newTenant(String inactivityTimeout) {
        String slug = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> body = new LinkedHashMap<>(Map.of("slug", slug, "name", "Access matrix " + slug));
        if (inactivityTimeout != null) {
            body.put("inactivity_timeout", inactivityTimeout);
        }
        Api.Response created = api.operator("POST", "/api/admin/tenants", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return slug;
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private static String accepted(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.body().path("id").asText();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** {@code {name}} becomes the id made in setup; {@code {fresh}} a new UUID for every call (client message ids). */
    private static String substitute(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.equals("fresh") ? UUID.randomUUID().toString() : IDS.get(name);
            if (value == null) {
                throw new IllegalStateException("no id for {" + name + "} in " + template);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String abbreviated(JsonNode body) {
        String text = body.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Row row(String method, String path, Body body, int owner, int person, int visitor, int tenantAdmin,
                           int otherTenant, int operator, int noToken) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.OWNER, owner);
        expected.put(Caller.PERSON, person);
        expected.put(Caller.VISITOR, visitor);
        expected.put(Caller.TENANT_ADMIN, tenantAdmin);
        expected.put(Caller.OTHER_TENANT, otherTenant);
        expected.put(Caller.OPERATOR, operator);
        expected.put(Caller.NO_TOKEN, noToken);
        return new Row(method, path, body, expected, Map.of());
    }

    /** One endpoint: the request, the status per caller, and for listings whose ids each caller must (not) see. */
    record Row(String method, String path, Body body, Map<Caller, Integer> expected, Map<String, Set<Caller>> listed) {
        Row listing(String id, Caller... seers) {
            Map<String, Set<Caller>> more = new LinkedHashMap<>(listed);
            more.put(id, EnumSet.copyOf(List.of(seers)));
            return new Row(method, path, body, expected, more);
        }
    }

    /** A request body, rendered anew for every call; JSON is written with single quotes and {@code {name}} placeholders. */
    interface Body {
        Payload render();
    }

    /** What goes on the wire: no Content-Type and no bytes for a request without a body. */
    record Payload(String contentType, byte[] bytes) {
    }

    private static Body none() {
        return () -> new Payload(null, null);
    }

    private static Body json(String singleQuoted) {
        return typed("application/json", singleQuoted);
    }

    private static Body mergePatch(String singleQuoted) {
        return typed("application/merge-patch+json", singleQuoted);
    }

    private static Body typed(String contentType, String singleQuoted) {
        return () -> {
            String json = substitute(singleQuoted.replace('\'', '"'));
            try {
                JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + json, e);
            }
            return new Payload(contentType, json.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Each call its own multipart boundary, the same file. */
    private static Body file(String filename, String content) {
        return () -> {
            Api.Multipart multipart = Api.Multipart.file(filename, content.getBytes(StandardCharsets.UTF_8));
            return new Payload(multipart.contentType(), multipart.bytes());
        };
    }
}
