package dev.agenticchat.agent.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolContext;
import dev.agenticchat.agent.tool.ToolOutcome;
import dev.agenticchat.contracts.events.ToolCallCompleted;
import io.micronaut.json.JsonMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Argument checks happen before any search, so these need no database; RecallConversationsIT searches. */
class RecallConversationsToolTest {
    private final RecallConversationsTool tool = new RecallConversationsTool(null, JsonMapper.createDefault());
    private final ToolContext context = new ToolContext(UUID.randomUUID(), "thread", "tenant", "user");

    @Test
    void offers_a_required_query_and_an_optional_limit() {
        assertThat(tool.name()).isEqualTo("recall_conversations");
        assertThat(tool.specification().parameters().required()).containsExactly("query");
        assertThat(tool.specification().parameters().properties()).containsOnlyKeys("query", "limit");
        assertThat(tool.offeredIn(context)).isTrue();
    }

    @Test
    void refuses_an_empty_overlong_or_wordless_query() {
        String wanted = "Error: query must be a string of 1 to 500 characters: the words to look for.";
        assertThat(failure("{\"query\":\"   \"}")).isEqualTo(wanted);
        assertThat(failure("{}")).isEqualTo(wanted);
        assertThat(failure("{\"query\":[\"refund\"]}")).isEqualTo(wanted);
        assertThat(failure("{\"query\":\"" + "x".repeat(501) + "\"}")).isEqualTo(wanted);
        assertThat(failure("{\"query\":\"-- ?! \\\"\\\" &|\"}"))
                .isEqualTo("Error: query must contain at least one word (letters or digits) to look for.");
        assertThat(failure("nonsense")).startsWith("Error: the arguments are not valid JSON");
    }

    @Test
    void refuses_a_limit_out_of_range() {
        String wanted = "Error: limit must be an integer from 1 to 10.";
        assertThat(failure("{\"query\":\"refund\",\"limit\":0}")).isEqualTo(wanted);
        assertThat(failure("{\"query\":\"refund\",\"limit\":11}")).isEqualTo(wanted);
        assertThat(failure("{\"query\":\"refund\",\"limit\":2.5}")).isEqualTo(wanted);
        assertThat(failure("{\"query\":\"refund\",\"limit\":\"3\"}")).isEqualTo(wanted);
    }

    @Test
    void keeps_only_the_words_so_no_search_operator_reaches_postgres() throws Exception {
        assertThat(RecallConversationsTool.words("What did you say about \"refunds\" -invoices OR Rückgabe, 2025?"))
                .containsExactly("what", "did", "you", "say", "about", "refunds", "invoices", "rückgabe", "2025");
        assertThat(RecallConversationsTool.words("or OR refund refund")).containsExactly("refund");
        assertThatThrownBy(() -> RecallConversationsTool.words("or"))
                .isInstanceOf(ToolArguments.InvalidArgumentsException.class);
    }

    private String failure(String arguments) {
        ToolOutcome outcome = tool.execute(arguments, context);
        assertThat(outcome.status()).isEqualTo(ToolCallCompleted.FAILED);
        return outcome.output();
    }
}
