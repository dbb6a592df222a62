package dev.agenticchat.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * The objects of OpenAI's chat completions API the adapter answers with: {@code chat.completion},
 * {@code chat.completion.chunk} and {@code list} of {@code model}. Fields OpenAI always sends are
 * always present (null when they do not apply), since its clients expect them; {@code artifacts}
 * is the suite's one addition.
 */
final class CompletionObjects {
    private CompletionObjects() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Usage(long promptTokens, long completionTokens, long totalTokens) {
        static Usage of(TurnCompleted.Usage usage) {
            return new Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Message(String role, String content, @Nullable String refusal, List<ArtifactLink> artifacts) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Choice(int index, Message message, String finishReason, @Nullable Object logprobs) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Completion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
                      @Nullable String systemFingerprint) {
        static Completion of(String id, long created, String model, String content, List<ArtifactLink> artifacts, Usage usage) {
            return new Completion(id, "chat.completion", created, model,
                    List.of(new Choice(0, new Message("assistant", content, null, artifacts), "stop", null)), usage, null);
        }
    }

    /** What a chunk adds: the role first, then text, and the artifacts with their links at the end. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(@Nullable String role, @Nullable String content, @Nullable List<ArtifactLink> artifacts) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ChunkChoice(int index, Delta delta, @Nullable String finishReason, @Nullable Object logprobs) {
    }

    /** {@code usage} is left out, except on the extra last chunk {@code stream_options.include_usage} asks for. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices,
                 @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Usage usage, @Nullable String systemFingerprint) {
        static Chunk of(String id, long created, String model, Delta delta, @Nullable String finishReason) {
            return new Chunk(id, "chat.completion.chunk", created, model, List.of(new ChunkChoice(0, delta, finishReason, null)),
                    null, null);
        }

        static Chunk usage(String id, long created, String model, Usage usage) {
            return new Chunk(id, "chat.completion.chunk", created, model, List.of(), usage, null);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Model(String id, String object, long created, String ownedBy, String name, @Nullable String description) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ModelList(String object, List<Model> data) {
    }
}
