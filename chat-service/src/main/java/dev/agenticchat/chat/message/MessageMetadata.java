package dev.agenticchat.chat.message;

import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What an assistant message carries besides its text, stored as JSONB. */
@Serdeable
record MessageMetadata(@Nullable TurnCompleted.Usage usage, @Nullable TurnCompleted.Cost cost,
                       @Nullable List<String> artifactIds, @Nullable List<TurnCompleted.Citation> citations) {

    static MessageMetadata of(TurnCompleted completed) {
        return new MessageMetadata(completed.usage(), completed.cost(), completed.artifactIds(), completed.citations());
    }
}
