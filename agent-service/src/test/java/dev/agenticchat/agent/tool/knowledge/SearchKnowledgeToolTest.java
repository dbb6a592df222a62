package dev.agenticchat.agent.tool.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Argument checks happen before any search, so these need no retrieval-service. */
class SearchKnowledgeToolTest {
    private final SearchKnowledgeTool tool = new SearchKnowledgeTool(null, null, JsonMapper.createDefault());
    private final ToolContext withKnowledge = new ToolContext(UUID.randomUUID(), "thread", "tenant", "user", List.of("kb"));

    @Test
    void is_offered_only_in_turns_whose_thread_has_knowledge_bases() {
        assertThat(tool.offeredIn(withKnowledge)).isTrue();
        assertThat(tool.offeredIn(new ToolContext(UUID.randomUUID(), "thread", "tenant", "user"))).isFalse();
    }

    @Test
    void refuses_an_empty_or_overlong_query_and_a_top_k_out_of_range() throws Exception {
        assertThat(failure("{\"query\":\"  \"}")).isEqualTo("Error: query must be a string of 1 to 1000 characters.");
        assertThat(failure("{\"query\":\"" + "x".repeat(1001) + "\"}"))
                .isEqualTo("Error: query must be a string of 1 to 1000 characters.");
        assertThat(failure("{\"query\":\"refunds\",\"top_k\":21}")).isEqualTo("Error: top_k must be an integer from 1 to 20.");
        assertThat(failure("{\"query\":\"refunds\",\"top_k\":\"5\"}")).isEqualTo("Error: top_k must be an integer from 1 to 20.");
    }

    private String failure(String arguments) throws Exception {
        ToolOutcome outcome = tool.execute(arguments, withKnowledge);
        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.FAILED);
        return outcome.output();
    }
}
