package dev.agenticchat.gateway.chatkit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The stream events this adapter sends (../shared/protocols/chatkit.md §3.2, §3.3). */
final class Events {
    private Events() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ThreadCreated(String type, Wire.Thread thread) {
        ThreadCreated(Wire.Thread thread) {
            this("thread.created", thread);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ThreadUpdated(String type, Wire.Thread thread) {
        ThreadUpdated(Wire.Thread thread) {
            this("thread.updated", thread);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ItemAdded(String type, Object item) {
        ItemAdded(Object item) {
            this("thread.item.added", item);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ItemDone(String type, Object item) {
        ItemDone(Object item) {
            this("thread.item.done", item);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ItemReplaced(String type, Object item) {
        ItemReplaced(Object item) {
            this("thread.item.replaced", item);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ItemRemoved(String type, String itemId) {
        ItemRemoved(String itemId) {
            this("thread.item.removed", itemId);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ItemUpdated(String type, String itemId, Object update) {
        ItemUpdated(String itemId, Object update) {
            this("thread.item.updated", itemId, update);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ContentPartAdded(String type, int contentIndex, Wire.OutputText content) {
        ContentPartAdded(Wire.OutputText content) {
            this("assistant_message.content_part.added", 0, content);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record TextDelta(String type, int contentIndex, String delta) {
        TextDelta(String delta) {
            this("assistant_message.content_part.text_delta", 0, delta);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ContentPartDone(String type, int contentIndex, Wire.OutputText content) {
        ContentPartDone(Wire.OutputText content) {
            this("assistant_message.content_part.done", 0, content);
        }
    }

    /** {@code allow_cancel} false: closing the stream does not stop the suite's turn (it is stored all the same). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record StreamOptions(String type, Options streamOptions) {
        StreamOptions() {
            this("stream_options", new Options(false));
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Options(boolean allowCancel) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProgressUpdate(String type, @Nullable String icon, String text) {
        ProgressUpdate(String text) {
            this("progress_update", null, text);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notice(String type, String level, String message, @Nullable String title) {
        Notice(String level, String message) {
            this("notice", level, message, null);
        }
    }
}
