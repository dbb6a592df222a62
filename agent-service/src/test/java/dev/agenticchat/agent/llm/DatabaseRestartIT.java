package dev.agenticchat.agent.llm;

import static dev.agenticchat.agent.fixtures.AgentDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Postgres restart cuts the pool's connections under a turn; the model call that just answered
 * is still logged (its cost counts towards budgets), instead of failing the turn. The pool hands
 * a connection used a moment ago back without checking it, as under load, so the first statement
 * after the cut fails on it.
 */
@MicronautTest(transactional = false)
class DatabaseRestartIT {
    @Inject
    RequestLog log;
    @Value("${datasources.default.username}")
    String databaseUser;

    @Test
    void a_model_call_is_logged_through_connections_the_database_cut() throws Exception {
        String thread = UUID.randomUUID().toString();
        ModelCall call = ModelCall.summaryStep("tenant-" + UUID.randomUUID(), "user-1", thread, 1);
        ModelTarget target = new ModelTarget(Providers.OPENAI, "sim-1", null);
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hello")).build();
        log.succeeded(call, target, request, AiMessage.from("before"), 3, 4, 10);

        assertThat(cutConnectionsOf(databaseUser)).isPositive();
        log.succeeded(call, target, request, AiMessage.from("after"), 5, 6, 10);

        assertThat(query("SELECT input_tokens FROM agent.llm_requests WHERE thread_id = ? ORDER BY created_at", thread))
                .extracting(row -> ((Number) row.get("input_tokens")).intValue()).containsExactly(3, 5);
    }

    /** What a fast shutdown does to every session of the service. */
    private static long cutConnectionsOf(String user) {
        return ((Number) query("SELECT count(pg_terminate_backend(pid)) AS cut FROM pg_stat_activity WHERE usename = ?", user)
                .get(0).get("cut")).longValue();
    }
}
