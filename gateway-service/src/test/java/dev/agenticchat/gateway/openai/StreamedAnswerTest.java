package dev.agenticchat.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StreamedAnswerTest {
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<String> payloads = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private boolean ended;

    private StreamedAnswer answer(boolean includeUsage) {
        return new StreamedAnswer(json, new StreamedAnswer.Emitter() {
            @Override
            public void data(String payload) {
                payloads.add(payload);
            }

            @Override
            public void end() {
                ended = true;
            }
        }, new TurnArtifacts("https://chat.example"), "sales", 1700000000L, includeUsage, (full, done) -> {
            assertThat(payloads).as("[DONE] waits for the answer to be recorded").doesNotContain(StreamedAnswer.DONE);
            answers.add(full);
            done.run();
        });
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> chunks() throws IOException {
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (String payload : payloads.subList(0, payloads.size() - 1)) {
            chunks.add(json.readValue(payload, Argument.mapOf(String.class, Object.class)));
        }
        return chunks;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> delta(Map<String, Object> chunk) {
        return (Map<String, Object>) ((List<Map<String, Object>>) chunk.get("choices")).get(0).get("delta");
    }

    @SuppressWarnings("unchecked")
    private static Object finishReason(Map<String, Object> chunk) {
        return ((List<Map<String, Object>>) chunk.get("choices")).get(0).get("finish_reason");
    }

    @Test
    void streams_the_role_then_each_delta_then_stop_and_done() throws IOException {
        StreamedAnswer answer = answer(false);
        answer.started("turn-1");
        answer.text("Hel");
        answer.text("lo");
        answer.answer("Hello", List.of());
        answer.completed(new TurnCompleted.Usage(10, 2, 12, 1));

        List<Map<String, Object>> chunks = chunks();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk).containsEntry("id", "chatcmpl-turn-1").containsEntry("object", "chat.completion.chunk")
                    .containsEntry("model", "sales").doesNotContainKey("usage");
            assertThat(((Number) chunk.get("created")).longValue()).isEqualTo(1700000000L);
        });
        assertThat(delta(chunks.get(0))).containsEntry("role", "assistant").containsEntry("content", "");
        assertThat(chunks.subList(1, 3)).extracting(chunk -> delta(chunk).get("content")).containsExactly("Hel", "lo");
        assertThat(delta(chunks.get(3))).isEmpty();
        assertThat(finishReason(chunks.get(3))).isEqualTo("stop");
        assertThat(chunks).hasSize(4);
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
        assertThat(ended).isTrue();
        assertThat(answers).containsExactly("Hello");
    }

    @Test
    void heals_a_lost_delta_from_the_stored_answer_and_adds_the_usage_chunk_when_asked() throws IOException {
        StreamedAnswer answer = answer(true);
        answer.started("turn-2");
        answer.text("Hel");
        answer.answer("Hello there", List.of());
        answer.completed(new TurnCompleted.Usage(10, 3, 13, 2));

        List<Map<String, Object>> chunks = chunks();
        assertThat(delta(chunks.get(2))).containsEntry("content", "lo there");
        Map<String, Object> usage = chunks.get(chunks.size() - 1);
        assertThat((List<?>) usage.get("choices")).isEmpty();
        assertThat((Map<String, Object>) usage.get("usage")).containsEntry("prompt_tokens", 10).containsEntry("completion_tokens", 3)
                .containsEntry("total_tokens", 13);
        assertThat(answers).containsExactly("Hello there");
    }

    @Test
    @SuppressWarnings("unchecked")
    void links_the_turns_artifacts_in_the_text_and_as_a_field_before_stop() throws IOException {
        StreamedAnswer answer = answer(false);
        answer.started("turn-3");
        answer.text("Here is your chart.");
        answer.artifact(new ArtifactSnapshot("art-1", "chart", "Quarterly sales", "draft", 1, "thread-1", "turn-3", null,
                Instant.now()));
        answer.answer("Here is your chart.", List.of("art-1"));
        answer.completed(new TurnCompleted.Usage(10, 3, 13, 2));

        List<Map<String, Object>> chunks = chunks();
        Map<String, Object> links = delta(chunks.get(2));
        assertThat(links).containsEntry("content",
                "\n\nArtifacts:\n- [Quarterly sales](https://chat.example/v1/artifacts/art-1) (chart)");
        assertThat((List<Map<String, Object>>) links.get("artifacts")).containsExactly(Map.of("id", "art-1", "type", "chart",
                "title", "Quarterly sales", "url", "https://chat.example/v1/artifacts/art-1"));
        assertThat(finishReason(chunks.get(3))).isEqualTo("stop");
        assertThat(answers).containsExactly(chunks.stream().map(chunk -> (String) delta(chunk).get("content"))
                .filter(java.util.Objects::nonNull).collect(Collectors.joining()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_failed_turn_ends_the_stream_with_an_openai_error_and_records_nothing() throws IOException {
        StreamedAnswer answer = answer(false);
        answer.started("turn-4");
        answer.text("Partial");
        answer.failed("budget_exceeded", "Your daily budget of 10 tokens is used up; it resets at 00:00 UTC.");
        answer.text("late");

        Map<String, Object> error = json.readValue(payloads.get(payloads.size() - 1), Argument.mapOf(String.class, Object.class));
        Map<String, Object> detail = (Map<String, Object>) error.get("error");
        assertThat(detail).containsEntry("message", "Your daily budget of 10 tokens is used up; it resets at 00:00 UTC.")
                .containsEntry("type", "insufficient_quota").containsEntry("code", "budget_exceeded").containsEntry("param", null);
        assertThat(payloads).hasSize(3);
        assertThat(ended).isTrue();
        assertThat(answers).isEmpty();
    }
}
