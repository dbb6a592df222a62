package dev.agenticchat.gateway.chatkit;

import static dev.agenticchat.gateway.chatkit.Shapes.assertShape;
import static dev.agenticchat.gateway.chatkit.Shapes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.gateway.auth.AccessTokenVerifier;
import dev.agenticchat.gateway.ws.ServerFrame;
import io.micronaut.http.sse.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** What /chatkit writes, against the golden samples from ChatKit's reference (src/test/resources/chatkit/). */
class ChatKitWireTest {
    private static final String THREAD = "3f6c2a1e-8b4d-4c7a-9e2f-5d1b0a7c8e94";
    private static final String MESSAGE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String TURN = "c4e1f2a3-b5d6-4e7f-8091-a2b3c4d5e6f7";
    private static final String ANSWER = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    private final ArtifactWidgets widgets = new ArtifactWidgets("https://chat.example");

    @Test
    void writes_threads_and_pages_as_the_reference_does() {
        Map<String, Object> view = Map.of("id", THREAD, "title", "T", "created_at", "2025-11-03T09:14:12.908Z");
        assertShape(write(Items.thread(view, Wire.Page.empty())), "responses/threads.update");
        assertShape(write(new Events.ThreadCreated(Items.thread(Map.of("id", THREAD, "created_at", "2025-11-03T09:14:12Z"),
                Wire.Page.empty()))), "responses/thread.created");
        assertShape(write(new Events.ThreadUpdated(Items.thread(Map.of("id", THREAD, "title", "Greeting", "created_at", "x"),
                Wire.Page.empty()))), "responses/thread.updated");
        assertShape(write(new Wire.Page(List.of(Items.thread(view, Wire.Page.empty())), true, "cursor")), "responses/threads.list");
        assertShape(write(Map.of()), "responses/threads.delete");
    }

    @Test
    void writes_stored_messages_as_user_and_assistant_items_paged_in_either_order() {
        List<Object> items = new ArrayList<>();
        items.addAll(Items.of(userMessage("m-1", "Hello, world!"), widgets));
        items.addAll(Items.of(Map.of("id", "m-2", "thread_id", THREAD, "role", "assistant", "content", "Hello, world!",
                "created_at", "2025-11-03T09:14:13Z", "attachments", List.of()), widgets));
        assertShape(write(History.page(items, 20, true, null)), "responses/items.list");
        assertShape(write(Items.thread(Map.of("id", THREAD, "title", "T", "created_at", "x"), History.page(items, 20, true, null))),
                "responses/threads.get_by_id");

        Wire.Page newestFirst = History.page(items, 1, false, null);
        assertThat(newestFirst.data()).extracting(item -> ((Wire.Item) item).id()).containsExactly("m-2");
        assertThat(newestFirst.hasMore()).isTrue();
        assertThat(newestFirst.after()).isEqualTo("m-2");
        Wire.Page rest = History.page(items, 1, false, newestFirst.after());
        assertThat(rest.data()).extracting(item -> ((Wire.Item) item).id()).containsExactly("m-1");
        assertThat(rest.hasMore()).isFalse();
        assertThat(rest.after()).isNull();
        assertThat(write(rest)).doesNotContain("\"after\"");
    }

    @Test
    void maps_citations_to_file_annotations_at_their_markers() {
        Map<String, Object> answer = Map.of("id", ANSWER, "thread_id", THREAD, "role", "assistant", "content", "Revenue grew [1].",
                "created_at", "x", "attachments", List.of(), "citations",
                List.of(Map.of("document_id", "d-1", "title", "Annual report 2025", "page", 14, "passage", "Q4 revenue.", "score", 0.8)));
        Object item = Items.of(answer, widgets).get(0);
        assertShape(write(new Events.ItemDone(item)), "responses/thread.item.done.assistant_message.cited");
        Wire.Annotation annotation = ((Wire.AssistantMessage) item).content().get(0).annotations().get(0);
        assertThat(annotation.index()).isEqualTo("Revenue grew [1]".length());
        assertThat(annotation.source().filename()).isEqualTo("Annual report 2025, page 14");
    }

    @Test
    void streams_a_turn_as_the_reference_streams_an_assistant_message() {
        List<String> events = stream(List.of(
                new ServerFrame.TurnStarted(THREAD, "e1", 1L, TURN, MESSAGE),
                new ServerFrame.TextDelta(THREAD, "e2", 2L, TURN, "Hel"),
                new ServerFrame.ToolExecution(THREAD, "e3", 3L, TURN, "call-1", "web_search", "started", "{}", null),
                new ServerFrame.ArtifactCreated(THREAD, "e4", 4L, chart()),
                new ServerFrame.TextDelta(THREAD, "e5", 5L, TURN, "lo [1]"),
                new ServerFrame.AssistantMessage(THREAD, "e6", 6L, TURN, ANSWER, "Hello [1]", List.of("a-1"),
                        List.of(new TurnCompleted.Citation("d-1", "Annual report 2025", 14, "Q4 revenue.", 0.8))),
                new ServerFrame.TurnDone(THREAD, "e7", 7L, TURN, new TurnCompleted.Usage(1, 1, 2, 1),
                        new TurnCompleted.Cost(BigDecimal.ONE, "USD"))));

        assertThat(events).hasSize(10);
        assertShape(events.get(0), "responses/thread.item.added.assistant_message");
        assertShape(events.get(1), "responses/thread.item.updated.content_part.added");
        assertShape(events.get(2), "responses/thread.item.updated.text_delta");
        assertShape(events.get(3), "responses/progress_update");
        assertShape(events.get(4), "responses/thread.item.done.widget", "widget");
        assertShape(events.get(5), "responses/thread.item.updated.text_delta");
        assertShape(events.get(6), "responses/thread.item.updated.content_part.done");
        assertShape(events.get(7), "responses/thread.item.removed");
        assertShape(events.get(8), "responses/thread.item.done.assistant_message.cited");
        assertThat(events.get(0)).contains("\"id\":\"" + TURN + "\"");
        assertThat(events.get(7)).contains("\"item_id\":\"" + TURN + "\"");
        assertThat(events.get(8)).contains("\"id\":\"" + ANSWER + "\"").contains("\"text\":\"Hello [1]\"");
        assertThat(events.get(9)).isEqualTo("<end>");
    }

    @Test
    void ends_a_failed_turn_with_an_error_event_and_ignores_other_turns() {
        List<String> events = stream(List.of(
                new ServerFrame.TurnStarted(THREAD, "e0", 1L, "other-turn", "other-message"),
                new ServerFrame.TextDelta(THREAD, "e1", 2L, "other-turn", "not ours"),
                new ServerFrame.TurnStarted(THREAD, "e2", 3L, TURN, MESSAGE),
                new ServerFrame.TurnFailed(THREAD, "e3", 4L, TURN, "llm_unavailable", "The model is unavailable")));
        assertThat(events).hasSize(4);
        assertShape(events.get(2), "responses/error.custom");
        assertThat(events.get(2)).contains("The model is unavailable").contains("\"allow_retry\":true");
        assertThat(String.join("", events)).doesNotContain("not ours");
    }

    @Test
    void draws_a_chart_artifact_as_a_chart_widget_a_table_as_a_table_and_the_rest_as_a_link_card() {
        Map<String, Object> card = widgets.of(chart());
        Object chart = ((List<?>) card.get("children")).get(1);
        assertShape(write(chart), "responses/widget.chart", "data");
        assertThat(write(chart)).contains("\"dataKey\":\"s0\"").contains("\"xAxis\":\"label\"").contains("\"label\":\"Q1\"");

        Map<String, Object> table = widgets.of(new ArtifactSnapshot("a-2", "table", "Top customers", "final", 1, THREAD, TURN,
                Map.of("columns", List.of(Map.of("name", "customer"), Map.of("name", "orders")),
                        "rows", List.of(List.of("Acme", 42), Map.of("customer", "Globex", "orders", 17))), Instant.now()));
        String tableJson = write(table);
        assertThat(tableJson).contains("\"type\":\"Table\"").contains("\"type\":\"Table.Row\"").contains("\"header\":true")
                .contains("\"value\":\"Acme\"").contains("\"value\":\"17\"");

        String link = write(widgets.of(new ArtifactSnapshot("a-3", "diagram", "Flow", "final", 1, THREAD, TURN,
                Map.of("source", "graph TD"), Instant.now())));
        assertThat(link).contains("\"type\":\"Card\"").contains("(https://chat.example/#thread=" + THREAD + ")")
                .doesNotContain("Chart").doesNotContain("Table");
    }

    @Test
    void reads_the_golden_requests_inputs_and_refuses_a_message_without_text() {
        Map<String, Object> create = params("threads.create");
        Call.Input input = Call.input(castMap(create.get("input")));
        assertThat(input.text()).isEqualTo("Hello, world!");
        assertThat(input.attachmentIds()).isEmpty();
        Call call = new Call("t", identity(), params("items.list"), widgets);
        assertThat(call.text("thread_id")).isEqualTo("thr_1a2b3c4d");
        assertThat(call.ascending()).isTrue();
        assertThat(call.limit()).isEqualTo(20);
        assertThat(new Call("t", identity(), params("threads.list"), widgets).ascending()).isFalse();
        assertThatThrownBy(() -> Call.input(Map.of("content", List.of(), "attachments", List.of(), "inference_options", Map.of())))
                .isInstanceOf(Refusal.class).hasMessageContaining("no text");
        assertThatThrownBy(() -> new Call("t", identity(), Map.of(), widgets).text("thread_id"))
                .isInstanceOf(Refusal.class).hasMessageContaining("params.thread_id");
    }

    @Test
    void answers_refusals_in_chatkits_error_shape() {
        assertShape(write(Refusal.notFound("thread").response().body()), "responses/error.custom");
        assertShape(write(new Events.StreamOptions()), "responses/stream_options");
        assertShape(write(new Events.Notice("info", "Heads up")), "responses/notice");
        assertShape(write(new Events.ItemDone(new Wire.UserMessage("m-1", THREAD, "x", "Hi", List.of()))),
                "responses/thread.item.done.user_message");
    }

    private static Map<String, Object> userMessage(String id, String content) {
        return Map.of("id", id, "thread_id", THREAD, "role", "user", "content", content, "created_at", "2025-11-03T09:14:12Z",
                "attachments", List.of());
    }

    private static ArtifactSnapshot chart() {
        return new ArtifactSnapshot("a-1", "chart", "Quarterly sales", "final", 1, THREAD, TURN,
                Map.of("chart_type", "bar", "labels", List.of("Q1", "Q2"),
                        "datasets", List.of(Map.of("label", "Sales", "data", List.of(120, 150)))), Instant.now());
    }

    /** The events a reader sends for these frames, then {@code <end>} if it ended the stream. */
    private List<String> stream(List<ServerFrame> frames) {
        List<String> events = new ArrayList<>();
        Flux.<Event<String>>create(sink -> {
            TurnReader reader = new TurnReader(sink, identity(), THREAD, MESSAGE, () -> null, widgets, Shapes.JSON);
            frames.forEach(frame -> reader.deliver(frame, write(frame)));
        }).doOnNext(event -> events.add(event.getData())).doOnComplete(() -> events.add("<end>")).subscribe();
        return events;
    }

    private static AccessTokenVerifier.Verified identity() {
        return new AccessTokenVerifier.Verified("tenant", "user", List.of(), Instant.now().plusSeconds(600));
    }

    private static Map<String, Object> params(String request) {
        return castMap(castMap(Shapes.golden("requests/" + request)).get("params"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
