package dev.agenticchat.gateway.ws;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a client's message into a {@link ClientFrame}, in two steps so that the socket can
 * refuse any frame but {@code auth} before its fields are looked at: {@link #fields} (text,
 * size, JSON object with a type) and {@link #parse} (the record of that type).
 */
@Singleton
class ClientFrames {
    private final JsonMapper json;
    private final int maxFrameBytes;
    private final Map<String, Function<FrameFields, ClientFrame>> byType;

    ClientFrames(JsonMapper json, WebSocketSettings settings) {
        this.json = json;
        this.maxFrameBytes = settings.maxFrameBytes();
        this.byType = Map.of(
                ClientFrame.Auth.TYPE, ClientFrame.Auth::from,
                ClientFrame.Ping.TYPE, ClientFrame.Ping::from,
                ClientFrame.Subscribe.TYPE, ClientFrame.Subscribe::from,
                ClientFrame.Unsubscribe.TYPE, ClientFrame.Unsubscribe::from,
                ClientFrame.UserMessage.TYPE, fields -> ClientFrame.UserMessage.from(fields, maxFrameBytes),
                ClientFrame.CancelTurn.TYPE, ClientFrame.CancelTurn::from);
    }

    FrameFields fields(ClientSession.Incoming incoming) {
        if (incoming.binary()) {
            throw new FrameError(ServerFrame.Error.BAD_JSON, "frames are JSON text, not binary", null);
        }
        if (incoming.tooLarge()) {
            throw new FrameError(ServerFrame.Error.FRAME_TOO_LARGE, "a frame may hold at most " + maxFrameBytes + " bytes", null);
        }
        JsonNode frame;
        try {
            frame = json.readValue(incoming.text(), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new FrameError(ServerFrame.Error.BAD_JSON, "the frame is not valid JSON", null);
        }
        return FrameFields.of(frame);
    }

    ClientFrame parse(FrameFields fields) {
        Function<FrameFields, ClientFrame> from = byType.get(fields.type());
        if (from == null) {
            throw new FrameError(ServerFrame.Error.UNKNOWN_TYPE, "unknown frame type " + truncate(fields.type()), "type");
        }
        return from.apply(fields);
    }

    private static String truncate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
