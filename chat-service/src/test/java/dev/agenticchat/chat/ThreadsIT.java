package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.support.paging.InvalidCursor;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreadsIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    private ChatApi newUser() {
        return user("tenant-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
    }

    private ChatApi user(String tenant, String userId) {
        return new ChatApi(http, jwks.token(tenant, userId));
    }

    @Test
    void refuses_a_request_without_a_token() {
        ChatApi anonymous = new ChatApi(http, "not-a-token");
        assertThat(anonymous.status(HttpRequest.GET("/api/threads"))).isEqualTo(401);
    }

    @Test
    void creates_reads_renames_and_deletes_a_thread_with_its_messages() throws SQLException {
        ChatApi alice = newUser();

        HttpResponse<Map<String, Object>> created = alice.exchange(HttpRequest.POST("/api/threads", Map.of("title", "Quarterly sales")));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> thread = created.body();
        assertThat(thread).containsKeys("id", "created_at", "updated_at").containsEntry("title", "Quarterly sales");
        assertThat(created.getHeaders().get("Location")).isEqualTo("/api/threads/" + thread.get("id"));
        assertThat(alice.thread(thread.get("id"))).isEqualTo(thread);

        Map<String, Object> untitled = alice.exchange(HttpRequest.POST("/api/threads", Map.of())).body();
        assertThat(untitled).containsEntry("title", "New conversation");

        Map<String, Object> renamed = alice.exchange(HttpRequest.PATCH("/api/threads/" + thread.get("id"), Map.of("title", "Sales 2025"))).body();
        assertThat(renamed).containsEntry("title", "Sales 2025").containsEntry("created_at", thread.get("created_at"));
        assertThat(Instant.parse((String) renamed.get("updated_at"))).isAfter(Instant.parse((String) thread.get("updated_at")));
        assertThat(alice.allThreads()).extracting(t -> t.get("title")).containsExactly("Sales 2025", "New conversation");

        alice.postedMessage(thread.get("id"), "Chart our quarterly sales");
        assertThat(alice.status(HttpRequest.DELETE("/api/threads/" + thread.get("id")))).isEqualTo(204);
        assertThat(alice.status(HttpRequest.GET("/api/threads/" + thread.get("id")))).isEqualTo(404);
        assertThat(alice.allThreads()).extracting(t -> t.get("id")).containsExactly(untitled.get("id"));
        assertThat(storedMessages(thread.get("id"))).isZero();
    }

    @Test
    void rejects_a_title_longer_than_200_characters_naming_the_field() {
        ChatApi alice = newUser();
        Map<String, Object> problem = alice.problem(HttpRequest.POST("/api/threads", Map.of("title", "x".repeat(201))));
        assertThat(problem).containsEntry("status", 400);
        assertThat(fields(problem)).containsExactly("title");
    }

    @Test
    void rejects_a_title_holding_a_nul_character_naming_the_field() {
        ChatApi alice = newUser();
        Map<String, Object> created = alice.problem(HttpRequest.POST("/api/threads", Map.of("title", "bad \u0000 title")));
        assertThat(created).containsEntry("status", 400);
        assertThat(fields(created)).containsExactly("title");

        Object id = alice.createThread("fine").get("id");
        Map<String, Object> renamed = alice.problem(HttpRequest.PATCH("/api/threads/" + id, Map.of("title", "\u0000")));
        assertThat(renamed).containsEntry("status", 400);
        assertThat(fields(renamed)).containsExactly("title");
    }

    @Test
    void lists_threads_most_recently_active_first_page_by_page() {
        ChatApi alice = newUser();
        Object first = alice.createThread("first").get("id");
        Object second = alice.createThread("second").get("id");
        Object third = alice.createThread("third").get("id");
        alice.postedMessage(first, "bring the first thread back to the top");

        Map<String, Object> page1 = alice.threadPage(null, 2);
        Map<String, Object> page2 = alice.threadPage((String) page1.get("next_cursor"), 2);

        assertThat(ids(page1)).containsExactly(first, third);
        assertThat(ids(page2)).containsExactly(second);
        assertThat(page2).containsEntry("next_cursor", null);
    }

    @Test
    void pages_through_a_history_oldest_first_serving_each_message_once() {
        ChatApi alice = newUser();
        Object thread = alice.createThread("counting").get("id");
        List<Object> posted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            posted.add(alice.postedMessage(thread, "message " + i).get("id"));
        }

        List<Object> served = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = alice.messagePage(thread, cursor, 2);
            served.addAll(ids(page));
            pageSizes.add(ids(page).size());
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);

        assertThat(served).containsExactlyElementsOf(posted);
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void rejects_a_cursor_it_did_not_hand_out_and_a_limit_out_of_range() {
        ChatApi alice = newUser();
        Object thread = alice.createThread("paging").get("id");

        assertThat(fields(alice.problem(HttpRequest.GET("/api/threads?cursor=bogus")))).containsExactly("cursor");
        assertThat(fields(alice.problem(HttpRequest.GET("/api/threads/" + thread + "/messages?cursor=bogus")))).containsExactly("cursor");
        assertThat(fields(alice.problem(HttpRequest.GET("/api/threads?limit=201")))).containsExactly("limit");
        assertThat(fields(alice.problem(HttpRequest.GET("/api/threads/" + thread + "/messages?limit=0")))).containsExactly("limit");
    }

    @Test
    void a_cursor_of_the_thread_list_is_refused_by_a_history_with_the_problem_every_service_answers() {
        ChatApi alice = newUser();
        Object thread = alice.createThread("one").get("id");
        alice.createThread("two");
        String threadCursor = (String) alice.threadPage(null, 1).get("next_cursor");

        Map<String, Object> problem = alice.problem(HttpRequest.GET("/api/threads/" + thread + "/messages?cursor=" + threadCursor));

        assertThat(fields(problem)).containsExactly("cursor");
        assertThat(problem).containsEntry("type", "about:blank").containsEntry("title", InvalidCursor.TITLE)
                .containsEntry("detail", InvalidCursor.DETAIL);
    }

    @Test
    void another_user_or_tenant_cannot_see_or_touch_a_thread() {
        String tenant = "tenant-" + UUID.randomUUID();
        String aliceId = "user-" + UUID.randomUUID();
        ChatApi alice = user(tenant, aliceId);
        Object thread = alice.createThread("private").get("id");
        alice.postedMessage(thread, "my secret plans");

        for (ChatApi stranger : List.of(user(tenant, "user-" + UUID.randomUUID()), user("tenant-" + UUID.randomUUID(), aliceId))) {
            List<MutableHttpRequest<?>> attempts = List.of(
                    HttpRequest.GET("/api/threads/" + thread),
                    HttpRequest.GET("/api/threads/" + thread + "/messages"),
                    HttpRequest.PATCH("/api/threads/" + thread, Map.of("title", "mine now")),
                    HttpRequest.DELETE("/api/threads/" + thread),
                    ChatApi.postRequest(thread, "hello", UUID.randomUUID().toString()));
            for (MutableHttpRequest<?> attempt : attempts) {
                Map<String, Object> problem = stranger.problem(attempt);
                assertThat(problem).as(attempt.getMethodName() + " " + attempt.getPath()).containsEntry("status", 404);
            }
            assertThat(stranger.allThreads()).isEmpty();
        }

        assertThat(alice.thread(thread)).containsEntry("title", "private");
        assertThat(alice.history(thread)).extracting(m -> m.get("content")).containsExactly("my secret plans");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Map<String, Object> problem) {
        assertThat(problem).containsEntry("status", 400);
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> error.get("field")).toList();
    }

    private static int storedMessages(Object threadId) throws SQLException {
        try (Connection admin = TestDatabase.admin();
             PreparedStatement query = admin.prepareStatement("SELECT count(*) FROM chat.messages WHERE thread_id = ?::uuid")) {
            query.setString(1, threadId.toString());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
