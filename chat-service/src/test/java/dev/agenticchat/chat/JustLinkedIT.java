package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Right after a link, before UserLinked has moved anything here, the person's token names the
 * sessions just linked into them ({@code merged}): their threads already show as the person's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JustLinkedIT implements TestPropertyProvider {
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

    @Test
    @SuppressWarnings("unchecked")
    void the_persons_thread_list_holds_the_just_linked_sessions_threads_before_they_moved() {
        String tenant = "tenant-" + UUID.randomUUID();
        String session = "session-" + UUID.randomUUID();
        String person = "person-" + UUID.randomUUID();
        ChatApi anonymous = new ChatApi(http, jwks.token(tenant, session));
        String threadId = (String) anonymous.postedMessage(null, "Where is my parcel?").get("thread_id");

        ChatApi linked = new ChatApi(http, jwks.linkedPersonToken(tenant, person, List.of(session)));
        assertThat(linked.allThreads()).extracting(thread -> thread.get("id")).containsExactly(threadId);
        assertThat(linked.thread(threadId)).containsEntry("id", threadId);
        assertThat(linked.history(threadId)).extracting(message -> message.get("content")).containsExactly("Where is my parcel?");

        ChatApi samePersonLater = new ChatApi(http, jwks.token(tenant, person));
        assertThat(samePersonLater.allThreads()).as("without the claim, only what is theirs").isEmpty();
        ChatApi someoneElse = new ChatApi(http, jwks.linkedPersonToken(tenant, "person-" + UUID.randomUUID(), List.of()));
        assertThat(someoneElse.status(HttpRequest.GET("/api/threads/" + threadId))).isEqualTo(404);
        ChatApi otherTenant = new ChatApi(http, jwks.linkedPersonToken("tenant-" + UUID.randomUUID(), person, List.of(session)));
        assertThat(otherTenant.allThreads()).as("a claim never crosses tenants").isEmpty();
    }
}
