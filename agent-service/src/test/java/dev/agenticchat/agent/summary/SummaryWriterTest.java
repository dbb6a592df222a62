package dev.agenticchat.agent.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.agenticchat.agent.llm.BlockingModel;
import dev.agenticchat.agent.llm.ModelCall;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryWriterTest {
    private static final List<SummaryService.Line> TRANSCRIPT = List.of(
            new SummaryService.Line(true, "I want solar panels, mail me at ada@example.com"),
            new SummaryService.Line(false, "Sure, we will send a quote."));
    private static final String VALID = """
            {"name":null,"email":"ada@example.com","phone":null,"address":null,
             "products_and_services":["solar panels"],"preferences":[]}""";

    private static final SummaryService.ClaimedThread THREAD = new SummaryService.ClaimedThread("thread-1", "tenant-1",
            "user-1", Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T11:00:00Z"), 1);

    /** Answers with the scripted texts in order and keeps the requests and what they were logged as. */
    private static final class ScriptedModel implements BlockingModel {
        final Deque<String> answers;
        final List<ChatRequest> requests = new ArrayList<>();
        final List<ModelCall> calls = new ArrayList<>();

        ScriptedModel(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public ChatResponse chat(ModelCall call, ChatRequest request) {
            calls.add(call);
            requests.add(request);
            return ChatResponse.builder().aiMessage(AiMessage.from(answers.removeFirst())).build();
        }
    }

    @Test
    void asks_for_a_summary_then_for_the_lead_profile_with_its_json_schema_over_the_replayed_conversation() {
        ScriptedModel model = new ScriptedModel("They want solar panels.", VALID);

        SummaryWriter.Written written = new SummaryWriter(model, new SummarySettings()).write(THREAD, TRANSCRIPT);

        assertThat(written.summary()).isEqualTo("They want solar panels.");
        assertThat(written.lead()).isEqualTo(new ConversationSummarized.Lead(null, "ada@example.com", null, null,
                List.of("solar panels"), List.of()));
        assertThat(model.requests).hasSize(2);
        assertThat(model.requests.get(0).responseFormat()).isNull();
        assertThat(model.requests.get(0).messages()).hasSize(3).first().isInstanceOf(SystemMessage.class);
        assertThat(model.requests.get(1).responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(model.requests.get(1).responseFormat().jsonSchema().name()).isEqualTo(LeadProfiles.SCHEMA_NAME);
        assertThat(model.calls).containsExactly(ModelCall.summaryStep("tenant-1", "user-1", "thread-1", 1),
                ModelCall.summaryStep("tenant-1", "user-1", "thread-1", 2));
    }

    @Test
    void asks_once_more_when_the_profile_breaks_the_schema_and_keeps_the_second_answer() {
        ScriptedModel model = new ScriptedModel("Summary.", "{\"email\":\"ada@example.com\"}", "```json\n" + VALID + "\n```");

        SummaryWriter.Written written = new SummaryWriter(model, new SummarySettings()).write(THREAD, TRANSCRIPT);

        assertThat(written.lead().email()).isEqualTo("ada@example.com");
        assertThat(model.requests).hasSize(3);
    }

    @Test
    void stores_an_empty_profile_after_two_answers_that_break_the_schema() {
        ScriptedModel model = new ScriptedModel("Summary.", "not json at all",
                VALID.replace("\"preferences\":[]", "\"preferences\":[],\"ssn\":\"123\""));

        SummaryWriter.Written written = new SummaryWriter(model, new SummarySettings()).write(THREAD, TRANSCRIPT);

        assertThat(written.summary()).isEqualTo("Summary.");
        assertThat(written.lead()).isEqualTo(ConversationSummarized.Lead.EMPTY);
        assertThat(model.requests).hasSize(3);
    }

    @Test
    void waits_longer_after_each_failure_and_keeps_the_last_pause() {
        SummarySettings settings = new SummarySettings();
        settings.setRetryBackoff(List.of(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)));

        assertThat(settings.backoffAfter(1)).hasSeconds(1);
        assertThat(settings.backoffAfter(2)).hasSeconds(5);
        assertThat(settings.backoffAfter(7)).hasSeconds(5);
    }
}
