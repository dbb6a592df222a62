package dev.agenticchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** identity.events.v1: a linked session's turns move to the person; an erasure leaves no turn, LLM log or tool call of theirs. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityEventsIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final String messagesTopic = TestKafka.createTopic("agent-identity-it.chat.messages", 3);

    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("agent.llm.base-url", simulator.baseUrl());
        return properties;
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @Test
    void moves_a_linked_sessions_turns_then_erases_everything_about_the_person_and_confirms() throws Exception {
        ChatMessages session = new ChatMessages(json, messagesTopic);
        String person = UUID.randomUUID().toString();
        String thread = ChatMessages.newThread();
        String turnId;
        try (AgentEventLog events = new AgentEventLog(codec)) {
            MessagePosted message = session.post(thread, "[[text:Noted, your phone number is 555-0100.]] call me on 555-0100");
            turnId = events.awaitCompleted(thread, message.messageId()).turnId();
        }
        assertThat(count("SELECT count(*) FROM agent.turns WHERE user_id = ?", session.userId())).isOne();
        runningSummary(thread, session.tenantId(), session.userId(), turnId, "They asked to be called on 555-0100.");
        assertThat(count("SELECT count(*) FROM agent.llm_requests WHERE turn_id IN (SELECT id FROM agent.turns WHERE user_id = ?)",
                session.userId())).isPositive();

        send(new UserLinked(session.tenantId(), session.userId(), person, Instant.now()), session.tenantId(), person);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM agent.turns WHERE user_id = ?", person) == 1);
        assertThat(count("SELECT count(*) FROM agent.turns WHERE user_id = ?", session.userId())).isZero();
        assertThat(count("SELECT count(*) FROM agent.context_summaries WHERE thread_id = ? AND user_id = ?", thread, person))
                .as("the thread's running summary moves with its turns").isOne();

        String erasureId = UUID.randomUUID().toString();
        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            send(new ErasureRequested(erasureId, session.tenantId(), List.of(person, session.userId()), "0".repeat(64), Instant.now()),
                    session.tenantId(), person);
            await().atMost(WAIT).until(() -> identity.records().stream()
                    .anyMatch(r -> ErasureCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE))
                            && new String(r.value()).contains(erasureId) && new String(r.value()).contains("agent-service")));
        }
        assertThat(count("SELECT count(*) FROM agent.turns WHERE user_id = ? OR user_id = ?", person, session.userId())).isZero();
        // Of this tenant: other tests (and earlier runs on a reused database) may leave their own phone numbers.
        assertThat(count("SELECT count(*) FROM agent.turns WHERE tenant_id = ? AND (user_content LIKE ? OR assistant_content LIKE ?)",
                session.tenantId(), "%555-0100%", "%555-0100%")).as("no turn mentions the erased phone number").isZero();
        assertThat(count("SELECT (SELECT count(*) FROM agent.llm_requests WHERE turn_id::text = ?)"
                + " + (SELECT count(*) FROM agent.tool_calls WHERE turn_id::text = ?)", turnId, turnId)).isZero();
        assertThat(count("SELECT count(*) FROM agent.context_summaries WHERE thread_id = ? OR summary LIKE ?", thread,
                "%555-0100%")).as("the running summary is erased").isZero();
    }

    @Test
    void an_erased_tenant_admins_agent_changes_and_audit_entries_stay_without_naming_them() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String admin = "admin-" + UUID.randomUUID();
        UUID agentId = UUID.randomUUID();
        try (Connection connection = TestDatabase.admin()) {
            try (PreparedStatement agent = connection.prepareStatement(
                    "INSERT INTO agent.agents (id, tenant_id, slug, current_version, created_at) VALUES (?, ?, 'sales', 2, now())")) {
                agent.setObject(1, agentId);
                agent.setString(2, tenant);
                agent.executeUpdate();
            }
            for (int version = 1; version <= 2; version++) {
                try (PreparedStatement row = connection.prepareStatement(
                        "INSERT INTO agent.agent_versions (agent_id, version, name, status, provider, model, system_prompt,"
                                + " changed_by, changed_at) VALUES (?, ?, 'Sales', 'active', 'openai', 'sim-1', 'You sell.', ?, now())")) {
                    row.setObject(1, agentId);
                    row.setInt(2, version);
                    row.setString(3, admin);
                    row.executeUpdate();
                }
            }
            try (PreparedStatement entry = connection.prepareStatement(
                    "INSERT INTO agent.audit_log (id, tenant_id, type, agent_id, agent_slug, actor, summary, occurred_at)"
                            + " VALUES (gen_random_uuid(), ?, 'agent.updated', ?, 'sales', ?, 'changed agent sales', now())")) {
                entry.setString(1, tenant);
                entry.setObject(2, agentId);
                entry.setString(3, admin);
                entry.executeUpdate();
            }
        }

        String erasureId = UUID.randomUUID().toString();
        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            send(new ErasureRequested(erasureId, tenant, List.of(admin), "0".repeat(64), Instant.now()), tenant, admin);
            await().atMost(WAIT).until(() -> identity.records().stream()
                    .anyMatch(r -> ErasureCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE))
                            && new String(r.value()).contains(erasureId) && new String(r.value()).contains("agent-service")));
        }
        assertThat(count("SELECT count(*) FROM agent.agent_versions WHERE agent_id::text = ?", agentId.toString())).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM agent.agent_versions WHERE changed_by = ?", admin)).isZero();
        assertThat(count("SELECT count(*) FROM agent.audit_log WHERE tenant_id = ? AND actor IS NULL", tenant)).isOne();
        assertThat(count("SELECT count(*) FROM agent.audit_log WHERE actor = ?", admin)).isZero();
    }

    @Test
    void an_erased_tenant_admins_provider_credentials_stay_without_naming_them() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String admin = "admin-" + UUID.randomUUID();
        String otherAdmin = "admin-" + UUID.randomUUID();
        try (Connection connection = TestDatabase.admin()) {
            for (String[] credential : new String[][] {{"openai", admin}, {"anthropic", otherAdmin}}) {
                try (PreparedStatement row = connection.prepareStatement(
                        "INSERT INTO agent.provider_credentials (id, tenant_id, provider, key_id, nonce, ciphertext, updated_by,"
                                + " updated_at) VALUES (?, ?, ?, 'local', '\\x00', '\\x00', ?, now())")) {
                    row.setObject(1, UUID.randomUUID());
                    row.setString(2, tenant);
                    row.setString(3, credential[0]);
                    row.setString(4, credential[1]);
                    row.executeUpdate();
                }
            }
        }

        String erasureId = UUID.randomUUID().toString();
        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            send(new ErasureRequested(erasureId, tenant, List.of(admin), "0".repeat(64), Instant.now()), tenant, admin);
            await().atMost(WAIT).until(() -> identity.records().stream()
                    .anyMatch(r -> ErasureCompleted.TYPE.equals(TestKafka.header(r, CloudEventHeaders.TYPE))
                            && new String(r.value()).contains(erasureId) && new String(r.value()).contains("agent-service")));
        }
        try {
            assertThat(count("SELECT count(*) FROM agent.provider_credentials WHERE tenant_id = ?", tenant)).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM agent.provider_credentials WHERE updated_by = ?", admin)).isZero();
            assertThat(count("SELECT count(*) FROM agent.provider_credentials WHERE updated_by = ?", otherAdmin)).isOne();
        } finally {
            // Their bytes are no ciphertext: left behind, they would earn every later rotation a warning.
            try (Connection connection = TestDatabase.admin(); PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agent.provider_credentials WHERE tenant_id = ?")) {
                delete.setString(1, tenant);
                delete.executeUpdate();
            }
        }
    }

    /** The thread's running summary, as the context window stores it, covering the turn. */
    private static void runningSummary(String thread, String tenant, String user, String turnId, String summary)
            throws Exception {
        try (Connection db = TestDatabase.admin(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO agent.context_summaries (thread_id, tenant_id, user_id, summary, summary_tokens,
                                                     covered_started_at, covered_turn_id, covered_turns, model, updated_at)
                VALUES (?, ?, ?, ?, 9, now(), ?::uuid, 1, 'sim-1', now())""")) {
            insert.setString(1, thread);
            insert.setString(2, tenant);
            insert.setString(3, user);
            insert.setString(4, summary);
            insert.setString(5, turnId);
            insert.executeUpdate();
        }
    }

    private void send(DomainEvent event, String tenant, String key) throws Exception {
        TestKafka.send(Topics.IDENTITY_EVENTS, key, json.writeValueAsBytes(event), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, event.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE,
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.USER_ID, key));
    }

    private static int count(String sql, String... values) throws Exception {
        try (Connection db = TestDatabase.admin(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
