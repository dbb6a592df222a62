package dev.agenticchat.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFramesTest {
    private static final int MAX_FRAME_BYTES = 65_536;
    private final ClientFrames frames = new ClientFrames(JsonMapper.createDefault(),
            new WebSocketSettings(List.of(), Duration.ofSeconds(5), 20, 5, MAX_FRAME_BYTES, 1_000_000, 10, 10, 10));

    @Test
    void reads_each_frame_type_into_its_record() {
        assertThat(parse("{\"type\":\"auth\",\"token\":\"a.b.c\"}")).isEqualTo(new ClientFrame.Auth("a.b.c"));
        assertThat(parse("{\"type\":\"ping\"}")).isEqualTo(new ClientFrame.Ping());
        assertThat(parse("{\"type\":\"subscribe\",\"thread_id\":\"t-1\"}")).isEqualTo(new ClientFrame.Subscribe("t-1", null));
        assertThat(parse("{\"type\":\"subscribe\",\"thread_id\":\"t-1\",\"after_seq\":84}")).isEqualTo(new ClientFrame.Subscribe("t-1", 84L));
        assertThat(parse("{\"type\":\"unsubscribe\",\"thread_id\":\"t-1\"}")).isEqualTo(new ClientFrame.Unsubscribe("t-1"));
        assertThat(parse("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"c-1\"}"))
                .isEqualTo(new ClientFrame.UserMessage(null, "Hi", "c-1", null, List.of()));
        assertThat(parse("{\"type\":\"user_message\",\"thread_id\":\"t-1\",\"content\":\"Hi\",\"client_message_id\":\"c-1\"}"))
                .isEqualTo(new ClientFrame.UserMessage("t-1", "Hi", "c-1", null, List.of()));
        assertThat(parse("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"c-1\",\"agent\":\"sales\"}"))
                .isEqualTo(new ClientFrame.UserMessage(null, "Hi", "c-1", "sales", List.of()));
        assertThat(parse("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"c-1\",\"attachment_ids\":[\"a-1\",\"a-2\"]}"))
                .isEqualTo(new ClientFrame.UserMessage(null, "Hi", "c-1", null, List.of("a-1", "a-2")));
        assertThat(parse("{\"type\":\"cancel_turn\",\"thread_id\":\"t-1\",\"turn_id\":null}"))
                .isEqualTo(new ClientFrame.CancelTurn("t-1", null));
        assertThat(parse("{\"type\":\"cancel_turn\",\"thread_id\":\"t-1\",\"turn_id\":\"turn-2\"}"))
                .isEqualTo(new ClientFrame.CancelTurn("t-1", "turn-2"));
    }

    @Test
    void tells_what_is_wrong_with_a_message_that_is_no_frame() {
        assertError(new ClientSession.Incoming(null, false, true), "bad_json", "frames are JSON text, not binary", null);
        assertError(new ClientSession.Incoming(null, true, false), "frame_too_large", "a frame may hold at most 65536 bytes", null);
        assertError(text("{not json"), "bad_json", "the frame is not valid JSON", null);
        assertError(text("[1, 2]"), "invalid_frame", "a frame is a JSON object with a type", null);
        assertError(text("null"), "invalid_frame", "a frame is a JSON object with a type", null);
        assertError(text("{\"thread_id\":\"t-1\"}"), "invalid_frame", "type is required", "type");
        assertError(text("{\"type\":7}"), "invalid_frame", "type is required", "type");
    }

    @Test
    void tells_which_field_of_a_frame_is_wrong() {
        assertError(text("{\"type\":\"dance\"}"), "unknown_type", "unknown frame type dance", "type");
        assertError(text("{\"type\":\"" + "x".repeat(50) + "\"}"), "unknown_type", "unknown frame type " + "x".repeat(40) + "...", "type");
        assertError(text("{\"type\":\"auth\"}"), "invalid_frame", "token is required", "token");
        assertError(text("{\"type\":\"auth\",\"token\":5}"), "invalid_frame", "token must be a string", "token");
        assertError(text("{\"type\":\"auth\",\"token\":\"" + "t".repeat(8193) + "\"}"), "invalid_frame",
                "token is longer than 8192 characters", "token");
        assertError(text("{\"type\":\"subscribe\"}"), "invalid_frame", "thread_id is required", "thread_id");
        assertError(text("{\"type\":\"subscribe\",\"thread_id\":\"t-1\",\"after_seq\":-1}"), "invalid_frame",
                "after_seq must be a whole number of at least 0", "after_seq");
        assertError(text("{\"type\":\"subscribe\",\"thread_id\":\"t-1\",\"after_seq\":\"12\"}"), "invalid_frame",
                "after_seq must be a whole number of at least 0", "after_seq");
        assertError(text("{\"type\":\"subscribe\",\"thread_id\":\"t-1\",\"after_seq\":1.5}"), "invalid_frame",
                "after_seq must be a whole number of at least 0", "after_seq");
        assertError(text("{\"type\":\"unsubscribe\",\"thread_id\":null}"), "invalid_frame", "thread_id is required", "thread_id");
        assertError(text("{\"type\":\"subscribe\",\"thread_id\":\"../../admin\"}"), "invalid_frame",
                "thread_id must be an id (letters, digits, '-' or '_', at most 64)", "thread_id");
        assertError(text("{\"type\":\"user_message\",\"thread_id\":1,\"content\":\"Hi\",\"client_message_id\":\"c\"}"), "invalid_frame",
                "thread_id must be an id (letters, digits, '-' or '_', at most 64)", "thread_id");
        assertError(text("{\"type\":\"user_message\",\"client_message_id\":\"c\"}"), "invalid_frame", "content is required", "content");
        assertError(text("{\"type\":\"user_message\",\"content\":\"Hi\"}"), "invalid_frame", "client_message_id is required",
                "client_message_id");
        assertError(text("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"" + "c".repeat(201) + "\"}"),
                "invalid_frame", "client_message_id is longer than 200 characters", "client_message_id");
        assertError(text("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"  \"}"), "invalid_frame",
                "client_message_id must not be blank", "client_message_id");
        assertError(text("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"c\",\"agent\":\"a b\"}"),
                "invalid_frame", "agent must be an id (letters, digits, '-' or '_', at most 64)", "agent");
        assertError(text("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"c\",\"attachment_ids\":\"a-1\"}"),
                "invalid_frame", "attachment_ids must be an array of ids", "attachment_ids");
        assertError(text("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"c\",\"attachment_ids\":[1]}"),
                "invalid_frame", "attachment_ids must hold ids (letters, digits, '-' or '_', at most 64)", "attachment_ids");
        assertError(text("{\"type\":\"user_message\",\"content\":\"Hi\",\"client_message_id\":\"c\",\"attachment_ids\":"
                        + "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}"),
                "invalid_frame", "attachment_ids may hold at most 10 ids", "attachment_ids");
        assertError(text("{\"type\":\"cancel_turn\",\"thread_id\":\"t-1\",\"turn_id\":\"a/b\"}"), "invalid_frame",
                "turn_id must be an id (letters, digits, '-' or '_', at most 64)", "turn_id");
    }

    private ClientFrame parse(String text) {
        return frames.parse(frames.fields(text(text)));
    }

    private void assertError(ClientSession.Incoming incoming, String code, String message, String field) {
        FrameError error = catchThrowableOfType(() -> frames.parse(frames.fields(incoming)), FrameError.class);
        assertThat(error).as(String.valueOf(incoming.text())).isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.field()).isEqualTo(field);
    }

    private static ClientSession.Incoming text(String text) {
        return new ClientSession.Incoming(text, false, false);
    }
}
