package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.chat.fixtures.FakeKnowledgeBases;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A thread's knowledge bases: checked with retrieval-service, kept on the thread, carried on MessagePosted. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreadKnowledgeBasesIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "chat-test-service-token";

    private final TestJwks jwks = TestJwks.start();
    private final FakeKnowledgeBases retrieval = FakeKnowledgeBases.start(SERVICE_TOKEN);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "micronaut.http.services.retrieval-service.url", retrieval.url(),
                "agentic.service-credentials.token", SERVICE_TOKEN);
    }

    @AfterAll
    void stop() {
        jwks.close();
        retrieval.close();
    }

    private record User(String tenant, String id, ChatApi api) {
    }

    private User newUser() {
        String tenant = "tenant-" + UUID.randomUUID();
        String id = "user-" + UUID.randomUUID();
        return new User(tenant, id, new ChatApi(http, jwks.token(tenant, id)));
    }

    private String knowledgeBaseOf(User user) {
        String id = UUID.randomUUID().toString();
        retrieval.add(user.tenant(), id);
        return id;
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_thread_keeps_its_knowledge_bases_and_every_message_carries_them_to_the_agent() throws Exception {
        User alice = newUser();
        String handbook = knowledgeBaseOf(alice);
        String faq = knowledgeBaseOf(alice);

        Map<String, Object> thread = alice.api().exchange(HttpRequest.POST("/api/threads",
                Map.of("title", "Policies", "knowledge_base_ids", List.of(handbook, faq, handbook)))).body();
        assertThat(thread).containsEntry("knowledge_base_ids", List.of(handbook, faq));
        assertThat(alice.api().thread(thread.get("id"))).containsEntry("knowledge_base_ids", List.of(handbook, faq));
        assertThat(retrieval.requests()).filteredOn(r -> r.get("id").equals(handbook))
                .allSatisfy(r -> assertThat(r).containsEntry("tenant", alice.tenant()).containsEntry("user", alice.id()));

        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            String threadId = (String) thread.get("id");
            alice.api().post(threadId, "What does the handbook say about holidays?");
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.forThread(threadId).isEmpty());
            MessagePosted posted = json.readValue(reader.forThread(threadId).get(0).value(), MessagePosted.class);
            assertThat(posted.knowledgeBaseIds()).containsExactly(handbook, faq);
        }
    }

    @Test
    void a_message_on_a_thread_without_knowledge_bases_carries_none() throws Exception {
        User bob = newUser();
        try (TestKafka.Reader reader = new TestKafka.Reader(Topics.CHAT_MESSAGES)) {
            Map<String, Object> posted = bob.api().post(null, "Hello").body();
            @SuppressWarnings("unchecked")
            String threadId = (String) ((Map<String, Object>) posted.get("thread")).get("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.forThread(threadId).isEmpty());
            assertThat(new String(reader.forThread(threadId).get(0).value())).doesNotContain("knowledge_base_ids");
            assertThat(json.readValue(reader.forThread(threadId).get(0).value(), MessagePosted.class).knowledgeBases()).isEmpty();
        }
    }

    @Test
    void patch_replaces_or_clears_the_knowledge_bases_and_keeps_the_title() {
        User carol = newUser();
        String first = knowledgeBaseOf(carol);
        String second = knowledgeBaseOf(carol);
        Object id = carol.api().createThread("Research").get("id");

        Map<String, Object> attached = carol.api().exchange(HttpRequest.PATCH("/api/threads/" + id,
                Map.of("knowledge_base_ids", List.of(first, second)))).body();
        assertThat(attached).containsEntry("title", "Research").containsEntry("knowledge_base_ids", List.of(first, second));

        Map<String, Object> cleared = carol.api().exchange(HttpRequest.PATCH("/api/threads/" + id,
                Map.of("knowledge_base_ids", List.of()))).body();
        assertThat(cleared).containsEntry("knowledge_base_ids", List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void refuses_a_knowledge_base_of_another_tenant_or_one_that_does_not_exist() {
        User dave = newUser();
        User mallory = newUser();
        String malloryBase = knowledgeBaseOf(mallory);
        String daveBase = knowledgeBaseOf(dave);

        Map<String, Object> foreign = dave.api().problem(HttpRequest.POST("/api/threads",
                Map.of("knowledge_base_ids", List.of(daveBase, malloryBase))));
        assertThat(foreign).containsEntry("status", 422);
        assertThat((List<Map<String, Object>>) foreign.get("errors")).extracting(e -> e.get("field"))
                .containsExactly("knowledge_base_ids[1]");

        Object id = dave.api().createThread("Mine").get("id");
        Map<String, Object> unknown = dave.api().problem(HttpRequest.PATCH("/api/threads/" + id,
                Map.of("knowledge_base_ids", List.of(UUID.randomUUID().toString()))));
        assertThat(unknown).containsEntry("status", 422);
        assertThat(dave.api().thread(id)).containsEntry("knowledge_base_ids", List.of());
    }

    @Test
    void a_patch_that_changes_nothing_or_blanks_the_title_is_a_bad_request() {
        User erin = newUser();
        Object id = erin.api().createThread("Keep me").get("id");
        assertThat(erin.api().problem(HttpRequest.PATCH("/api/threads/" + id, Map.of()))).containsEntry("status", 400);
        assertThat(erin.api().problem(HttpRequest.PATCH("/api/threads/" + id, Map.of("title", "  ")))).containsEntry("status", 400);
        Map<String, Object> nullIds = new HashMap<>();
        nullIds.put("knowledge_base_ids", List.of(" "));
        assertThat(erin.api().problem(HttpRequest.PATCH("/api/threads/" + id, nullIds))).containsEntry("status", 400);
        assertThat(erin.api().thread(id)).containsEntry("title", "Keep me");
    }

    @Test
    void another_users_thread_cannot_be_given_knowledge_bases() {
        User frank = newUser();
        User grace = newUser();
        Object id = frank.api().createThread("Frank's").get("id");
        String graceBase = knowledgeBaseOf(grace);
        assertThat(grace.api().status(HttpRequest.PATCH("/api/threads/" + id, Map.of("knowledge_base_ids", List.of(graceBase)))))
                .isEqualTo(404);
    }
}
