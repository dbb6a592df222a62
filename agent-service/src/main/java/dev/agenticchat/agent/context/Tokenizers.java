package dev.agenticchat.agent.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The {@link TokenCounter} of a model, by its name: {@code o200k_base} for OpenAI's GPT-4o, 4.1, 4.5
 * and 5 families and its o-series reasoning models, the encoding jtokkit's registry names for the
 * models it knows ({@code cl100k_base} for GPT-4 and 3.5), and {@code agent.context.default-encoding}
 * ({@code o200k_base}) for every other model: Anthropic's and the simulator's tokenizers are not
 * public, so their counts are an approximation (Claude's tokenizer tends to count somewhat more
 * tokens for the same English text; budgets should leave a margin below the model's limit).
 */
@Singleton
public class Tokenizers {
    private static final Pattern O200K_MODELS =
            Pattern.compile("(?:[a-z0-9-]+/)?(?:gpt-4o|chatgpt-4o|gpt-4\\.1|gpt-4\\.5|gpt-5|gpt-oss|o1|o3|o4)(?:\\b.*)?");

    /** Encodings are loaded on first use (a few seconds each) and shared: they are immutable and thread-safe. */
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private final Map<String, TokenCounter> counters = new ConcurrentHashMap<>();
    private final Encoding fallback;
    private final int imageTokens;

    Tokenizers(ContextSettings settings) {
        this.fallback = REGISTRY.getEncoding(settings.getDefaultEncoding())
                .orElseThrow(() -> new IllegalArgumentException("agent.context.default-encoding: jtokkit has no encoding "
                        + settings.getDefaultEncoding()));
        this.imageTokens = settings.getImageTokens();
    }

    public TokenCounter forModel(String model) {
        Encoding encoding = encodingOf(model);
        return counters.computeIfAbsent(encoding.getName(), name -> new TokenCounter(encoding, imageTokens));
    }

    Encoding encodingOf(String model) {
        String name = model == null ? "" : model.strip().toLowerCase(Locale.ROOT);
        if (O200K_MODELS.matcher(name).matches()) {
            return REGISTRY.getEncoding(EncodingType.O200K_BASE);
        }
        return REGISTRY.getEncodingForModel(name).orElse(fallback);
    }
}
