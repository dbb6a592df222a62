package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.chat.fixtures.FakeAgents;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A thread's agent: checked with agent-service at creation, kept for good, carried on every MessagePosted. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreadAgentsIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "chat-test-service-token";
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    private final TestJwks jwks = TestJwks.start();
    private final FakeAgents agents = FakeAgents.start(SERVICE_TOKEN);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "micronaut.http.services.agent-service.url", agents.url(),
                "agentic.service-credentials.token", SERVICE_TOKEN);
    }

    @AfterAll
    void stop() {
        jwks.close();
        agents.close();
    }

    private record User(String tenant, String id, ChatApi api) {
    }

    /** A user of a new tenant that has the agents {@code sales} and {@code support}. */
    private User newUser() {
        String tenant = "tenant-" + UUID.randomUUID();
        agents.add(tenant, "sales");
        agents.add(tenant, "support");
        String id = "user-" + UUID.randomUUID();
        return new User(tenant, id, new ChatApi(http, jwks.token(tenant, id)));
    }

    private static MutableHttpRequest<Map<String, Object>> createThread(String title, String agent) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("agent", agent);
        return HttpRequest.POST("/api/threads", body);
    }

    private static MutableHttpRequest<Map<String, Object>> postMessage(Object threadId, String content, String agent) {
        MutableHttpRequest<Map<String, Object>> request = ChatApi.postRequest(threadId, content, UUID.randomUUID().toString());
        request.getBody().orElseThrow().put("agent", agent);
        return request;
    }

    private MessagePosted announced(TestKafka.Reader reader, String threadId, int count) throws IOException {
        await().atMost(KAFKA_WAIT).until(() -> reader.forThread(threadId).size() >= count);
        return json.readValue(reader.forThread(threadId).get(count - 1).value(), MessagePosted.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> error.get("field")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_thread_created_with_an_agent_of_the_tenant_keeps_it_and_every_message_carries_it() throws Exception {
        User alice = newUser();
        Map<String, Object> thread = alice.api().exchange(createThread("Pricing", "sales")).body();
        String threadId = (String) thread.get("id");

        assertThat(thread).containsEntry("agent", "sales");
        assertThat(alice.api().thread(threadId)).containsEntry("agent", "sales");
        assertThat(alice.api().allThreads()).singleElement().satisfies(listed -> assertThat(listed).containsEntry("agent", "sales"));
        assertThat(agents.requests()).filteredOn(r -> r.get("tenant").equals(alice.tenant())).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("slug", "sales").containsEntry("user", alice.id())
                        .containsEntry("token", SERVICE_TOKEN));

        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            Map<String, Object> posted = alice.api().post(threadId, "What does the premium plan cost?").body();
            assertThat((Map<String, Object>) posted.get("thread")).containsEntry("agent", "sales");
            assertThat(announced(reader, threadId, 1).agent()).isEqualTo("sales");
            assertThat(new String(reader.forThread(threadId).get(0).value())).contains("\"agent\":\"sales\"");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_thread_without_an_agent_has_the_tenant_default_one_and_asks_agent_service_nothing() throws Exception {
        User bob = newUser();
        Map<String, Object> thread = bob.api().createThread("Anything");
        assertThat(thread).containsKey("agent").containsEntry("agent", null);
        assertThat(bob.api().thread(thread.get("id"))).containsEntry("agent", null);

        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            Map<String, Object> posted = bob.api().post(null, "Hello").body();
            String threadId = (String) ((Map<String, Object>) posted.get("thread")).get("id");
            assertThat((Map<String, Object>) posted.get("thread")).containsEntry("agent", null);
            assertThat(announced(reader, threadId, 1).agent()).isNull();
            assertThat(new String(reader.forThread(threadId).get(0).value())).doesNotContain("\"agent\"");
        }
        assertThat(agents.requests()).noneMatch(r -> r.get("tenant").equals(bob.tenant()));
    }

    @Test
    void refuses_an_agent_the_tenant_does_not_have_or_that_is_another_tenants() {
        User carol = newUser();
        String otherTenant = "tenant-" + UUID.randomUUID();
        agents.add(otherTenant, "legal");

        for (String slug : List.of("nobody", "legal")) {
            Map<String, Object> problem = carol.api().problem(createThread("Contracts", slug));
            assertThat(problem).containsEntry("status", 422).containsEntry("title", "Unknown agent")
                    .containsEntry("detail", "no agent " + slug + " exists in your tenant");
            assertThat(fields(problem)).containsExactly("agent");
        }
        assertThat(agents.requests()).filteredOn(r -> r.get("slug").equals("legal"))
                .allSatisfy(r -> assertThat(r).containsEntry("tenant", carol.tenant()));
        assertThat(carol.api().allThreads()).isEmpty();
    }

    @Test
    void a_malformed_slug_is_a_bad_request_naming_the_field() {
        User dave = newUser();
        for (String slug : List.of("Sales", "-sales", "sales agent", "a".repeat(64), "")) {
            Map<String, Object> onThread = dave.api().problem(createThread("Bad", slug));
            assertThat(onThread).as(slug).containsEntry("status", 400);
            assertThat(fields(onThread)).containsExactly("agent");
            Map<String, Object> onMessage = dave.api().problem(postMessage(null, "Hi", slug));
            assertThat(onMessage).as(slug).containsEntry("status", 400);
            assertThat(fields(onMessage)).containsExactly("agent");
        }
        assertThat(agents.requests()).noneMatch(r -> r.get("tenant").equals(dave.tenant()));
        assertThat(dave.api().allThreads()).isEmpty();
    }

    @Test
    void when_agent_service_is_down_a_thread_with_an_agent_cannot_be_created() {
        User erin = newUser();
        agents.stop();
        try {
            for (MutableHttpRequest<?> request : List.of(createThread("Later", "sales"), postMessage(null, "Hi", "sales"))) {
                Map<String, Object> problem = erin.api().problem(request);
                assertThat(problem).as(request.getPath()).containsEntry("status", 503)
                        .containsEntry("title", "Agents cannot be checked");
            }
            assertThat(erin.api().allThreads()).isEmpty();
            assertThat(erin.api().createThread("Default agent needs no check")).containsEntry("agent", null);
        } finally {
            agents.restart();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_user_message_without_a_thread_creates_one_bound_to_the_agent_it_names() throws Exception {
        User frank = newUser();
        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            Map<String, Object> posted = frank.api().exchange(postMessage(null, "My order never arrived", "support")).body();
            Map<String, Object> thread = (Map<String, Object>) posted.get("thread");
            String threadId = (String) thread.get("id");
            assertThat(thread).containsEntry("agent", "support");
            assertThat(frank.api().thread(threadId)).containsEntry("agent", "support");
            assertThat(announced(reader, threadId, 1).agent()).isEqualTo("support");

            frank.api().post(threadId, "It was order 1042");
            assertThat(announced(reader, threadId, 2).agent()).isEqualTo("support");
        }
    }

    @Test
    void a_user_message_naming_an_agent_for_an_existing_thread_is_refused_and_not_stored() {
        User grace = newUser();
        Object threadId = grace.api().exchange(createThread("Sales talk", "sales")).body().get("id");
        for (String slug : List.of("support", "sales")) {
            Map<String, Object> problem = grace.api().problem(postMessage(threadId, "Switch agents", slug));
            assertThat(problem).containsEntry("status", 422)
                    .containsEntry("detail", "a thread keeps the agent it was created with");
            assertThat(fields(problem)).containsExactly("agent");
        }
        assertThat(grace.api().history(threadId)).isEmpty();
        assertThat(grace.api().thread(threadId)).containsEntry("agent", "sales");
    }

    @Test
    void a_user_message_naming_another_tenants_agent_creates_no_thread() {
        User heidi = newUser();
        String otherTenant = "tenant-" + UUID.randomUUID();
        agents.add(otherTenant, "research");
        Map<String, Object> problem = heidi.api().problem(postMessage(null, "Hello", "research"));
        assertThat(problem).containsEntry("status", 422).containsEntry("title", "Unknown agent");
        assertThat(fields(problem)).containsExactly("agent");
        assertThat(heidi.api().allThreads()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_resend_is_answered_with_the_stored_message_even_once_the_agent_is_gone() {
        User ivan = newUser();
        MutableHttpRequest<Map<String, Object>> first = postMessage(null, "Quote please", "sales");
        Map<String, Object> stored = ivan.api().exchange(first).body();
        agents.remove(ivan.tenant(), "sales");

        Map<String, Object> resent = ivan.api().exchange(HttpRequest.POST("/api/messages", first.getBody().orElseThrow())).body();
        assertThat(resent).containsEntry("duplicate", true);
        assertThat((Map<String, Object>) resent.get("message")).containsEntry("id", ((Map<String, Object>) stored.get("message")).get("id"));
        assertThat((Map<String, Object>) resent.get("thread")).containsEntry("agent", "sales");
        assertThat(agents.requests()).filteredOn(r -> r.get("tenant").equals(ivan.tenant())).hasSize(1);
    }

    /** PATCH ignores fields it does not know, as it always has: {@code agent} is one of them. */
    @Test
    void patch_cannot_change_the_agent_of_a_thread() {
        User judy = newUser();
        Object id = judy.api().exchange(createThread("Sales", "sales")).body().get("id");
        Map<String, Object> renamed = judy.api().exchange(
                HttpRequest.PATCH("/api/threads/" + id, Map.of("title", "Renamed", "agent", "support"))).body();
        assertThat(renamed).containsEntry("title", "Renamed").containsEntry("agent", "sales");
        assertThat(judy.api().problem(HttpRequest.PATCH("/api/threads/" + id, Map.of("agent", "support"))))
                .containsEntry("status", 400);
        assertThat(judy.api().thread(id)).containsEntry("agent", "sales");
    }
}
