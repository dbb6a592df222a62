package dev.agenticchat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.chat.fixtures.AgentEvents;
import dev.agenticchat.chat.fixtures.ChatApi;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A session linked to a person while its turn runs: the agent's answer still names the session,
 * and lands on the person's thread whichever comes first, the link or the answer.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkingDuringTurnIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestJwks jwks = TestJwks.start();
    private AgentEvents agent;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @BeforeAll
    void agent() {
        agent = new AgentEvents(json);
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void an_answer_for_the_session_arriving_after_the_link_is_stored_on_the_persons_thread() throws Exception {
        Linking linking = new Linking();
        Object threadId = linking.sessionsThread();
        linking.link();
        await().atMost(WAIT).until(() -> linking.person().allThreads().size() == 1);

        agent.send(AgentEvents.turnCompleted(threadId, UUID.randomUUID(), "Here is your chart."), threadId.toString(),
                linking.tenant, linking.session);

        await().atMost(WAIT).until(() -> linking.person().history(threadId).size() == 1);
        assertThat(linking.person().history(threadId)).extracting(m -> m.get("role"), m -> m.get("content"))
                .containsExactly(tuple("assistant", "Here is your chart."));
        assertThat(rowsAbout(linking.session)).as("nothing stays with the retired session").isZero();
    }

    @Test
    void a_link_waits_for_an_answer_being_stored_for_the_session_and_then_moves_it() throws Exception {
        Linking linking = new Linking();
        Object threadId = linking.sessionsThread();

        // Holding the thread's row keeps the answer's transaction open, after it resolved the session.
        try (Connection holder = holdThread(threadId)) {
            agent.send(AgentEvents.turnCompleted(threadId, UUID.randomUUID(), "Here is your chart."), threadId.toString(),
                    linking.tenant, linking.session);
            await().atMost(WAIT).until(() -> backendsWaitingOn("transactionid", "%FROM threads%FOR UPDATE%") >= 1);

            linking.link();
            await().atMost(WAIT).until(() -> backendsWaitingOn("advisory", "%merged_users%") >= 1);
            holder.commit();
        }

        await().atMost(WAIT).until(() -> linking.person().allThreads().size() == 1);
        assertThat(linking.person().history(threadId)).extracting(m -> m.get("content")).containsExactly("Here is your chart.");
        assertThat(rowsAbout(linking.session)).as("the answer moved with its thread").isZero();
    }

    @Test
    void an_answer_arriving_while_the_link_is_applied_waits_for_it_and_lands_with_the_person() throws Exception {
        Linking linking = new Linking();
        Object threadId = linking.sessionsThread();

        // Holding the thread's row keeps the link's move open, after it took the session's lock.
        try (Connection holder = holdThread(threadId)) {
            linking.link();
            await().atMost(WAIT).until(() -> backendsWaitingOn("transactionid", "UPDATE threads%") >= 1);

            agent.send(AgentEvents.turnCompleted(threadId, UUID.randomUUID(), "Here is your chart."), threadId.toString(),
                    linking.tenant, linking.session);
            await().atMost(WAIT).until(() -> backendsWaitingOn("advisory", "%merged_users%") >= 1);
            holder.commit();
        }

        await().atMost(WAIT).until(() -> linking.person().allThreads().size() == 1
                && linking.person().history(threadId).size() == 1);
        assertThat(linking.person().history(threadId)).extracting(m -> m.get("content")).containsExactly("Here is your chart.");
        assertThat(rowsAbout(linking.session)).isZero();
    }

    @Test
    void an_erasure_forgets_the_merges_of_the_person_and_their_sessions() throws Exception {
        Linking linking = new Linking();
        linking.sessionsThread();
        linking.link();
        await().atMost(WAIT).until(() -> merges(linking.tenant, linking.personId) == 1);

        send(new ErasureRequested(UUID.randomUUID().toString(), linking.tenant, List.of(linking.personId, linking.session),
                "0".repeat(64), Instant.now()), linking.tenant, linking.personId);

        await().atMost(WAIT).until(() -> merges(linking.tenant, linking.personId) == 0);
    }

    /** A tenant with an anonymous session and the person it will be linked to. */
    private final class Linking {
        final String tenant = "tenant-" + UUID.randomUUID();
        final String session = UUID.randomUUID().toString();
        final String personId = UUID.randomUUID().toString();

        /**
         * The session's thread, made without a message: an agent running beside the tests on the shared
         * topics would otherwise answer it too, and the test would wait for one answer among two.
         */
        Object sessionsThread() {
            return new ChatApi(http, jwks.token(tenant, session)).createThread("Sales").get("id");
        }

        ChatApi person() {
            return new ChatApi(http, jwks.token(tenant, personId));
        }

        void link() throws Exception {
            send(new UserLinked(tenant, session, personId, Instant.now()), tenant, personId);
        }
    }

    /** A connection holding the thread's row lock until it commits. */
    private static Connection holdThread(Object threadId) throws Exception {
        Connection holder = TestDatabase.admin();
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM chat.threads WHERE id = ?::uuid FOR UPDATE")) {
            lock.setString(1, threadId.toString());
            lock.executeQuery().close();
        }
        return holder;
    }

    /** chat-service's connections blocked on a lock of this kind, in a statement like this one. */
    private static int backendsWaitingOn(String lock, String statement) throws Exception {
        try (Connection db = TestDatabase.admin();
             PreparedStatement count = db.prepareStatement("""
                     SELECT count(*) FROM pg_stat_activity
                     WHERE usename = 'chat_service' AND wait_event_type = 'Lock' AND wait_event = ? AND query LIKE ?""")) {
            count.setString(1, lock);
            count.setString(2, statement);
            return single(count);
        }
    }

    /** Threads and messages naming this user, as an auditor would count them. */
    private static int rowsAbout(String userId) throws Exception {
        try (Connection db = TestDatabase.admin();
             PreparedStatement count = db.prepareStatement(
                     "SELECT (SELECT count(*) FROM chat.threads WHERE user_id = ?) + (SELECT count(*) FROM chat.messages WHERE user_id = ?)")) {
            count.setString(1, userId);
            count.setString(2, userId);
            return single(count);
        }
    }

    private static int merges(String tenant, String userId) throws Exception {
        try (Connection db = TestDatabase.admin();
             PreparedStatement count = db.prepareStatement(
                     "SELECT count(*) FROM chat.merged_users WHERE tenant_id = ? AND (from_user = ? OR to_user = ?)")) {
            count.setString(1, tenant);
            count.setString(2, userId);
            count.setString(3, userId);
            return single(count);
        }
    }

    private static int single(PreparedStatement query) throws Exception {
        try (ResultSet result = query.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    private void send(DomainEvent event, String tenant, String user) throws Exception {
        TestKafka.send(Topics.IDENTITY_EVENTS, user, json.writeValueAsBytes(event), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, event.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, user,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, user));
    }
}
