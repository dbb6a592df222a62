package dev.agenticchat.agent.context;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the tokens of a prompt with one tokenizer encoding, the way OpenAI documents chat prompts
 * are counted: each message's text plus a few tokens of framing (role, start and end markers), the
 * tool calls' names and arguments, the tool results, a few tokens priming the reply, and the offered
 * tools' specifications (their JSON schemas are part of the prompt too, counted as their JSON, which
 * errs on the high side). An image counts as a fixed estimate ({@code agent.context.image-tokens}).
 * For models whose own tokenizer is not jtokkit's (Anthropic's, the simulator's) the count is an
 * approximation by the default encoding ({@link Tokenizers}).
 *
 * <p>Counting is the costliest thing a turn does in this service (a profile of 100 concurrent turns
 * put a third of its CPU in the tokenizer): every turn counts the whole history and the tools again,
 * though most of it was counted the turn before. Counts of longer texts and of tool specifications
 * are kept (bounded: the cache starts afresh past {@link #MAX_CACHED_CHARS} characters of text).
 */
public final class TokenCounter {
    /** Framing of one message: start marker, role, separator, end marker. */
    static final int PER_MESSAGE = 4;
    /** Every reply is primed with the assistant's start marker and role. */
    static final int PER_REPLY = 3;
    /** Framing of one tool call or one offered tool besides its JSON. */
    static final int PER_TOOL = 3;

    /** Shorter texts are counted faster than they are looked up. */
    static final int MIN_CACHED_CHARS = 64;
    static final long MAX_CACHED_CHARS = 4_000_000;
    static final int MAX_CACHED_TOOLS = 2_000;

    private final Encoding encoding;
    private final int imageTokens;
    private final Map<String, Integer> textTokens = new ConcurrentHashMap<>();
    private final AtomicLong cachedChars = new AtomicLong();
    private final Map<ToolSpecification, Integer> toolTokens = new ConcurrentHashMap<>();
    private final long maxCachedChars;

    TokenCounter(Encoding encoding, int imageTokens) {
        this(encoding, imageTokens, MAX_CACHED_CHARS);
    }

    TokenCounter(Encoding encoding, int imageTokens, long maxCachedChars) {
        this.encoding = encoding;
        this.imageTokens = imageTokens;
        this.maxCachedChars = maxCachedChars;
    }

    /** Characters of text whose counts are kept now. */
    long cachedChars() {
        return cachedChars.get();
    }

    /** The encoding's name, e.g. {@code o200k_base}. */
    public String encoding() {
        return encoding.getName();
    }

    public int text(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() < MIN_CACHED_CHARS) {
            return encoding.countTokensOrdinary(text);
        }
        Integer known = textTokens.get(text);
        if (known != null) {
            return known;
        }
        int tokens = encoding.countTokensOrdinary(text);
        if (cachedChars.addAndGet(text.length()) > maxCachedChars) {
            textTokens.clear();
            cachedChars.set(text.length());
        }
        textTokens.put(text, tokens);
        return tokens;
    }

    /** A whole prompt: its messages, the reply's priming and the tools offered with it. */
    public int prompt(List<ChatMessage> messages, List<ToolSpecification> tools) {
        int tokens = PER_REPLY + tools(tools);
        for (ChatMessage message : messages) {
            tokens += message(message);
        }
        return tokens;
    }

    /** The messages alone, without the reply's priming. */
    public int messages(List<ChatMessage> messages) {
        int tokens = 0;
        for (ChatMessage message : messages) {
            tokens += message(message);
        }
        return tokens;
    }

    public int message(ChatMessage message) {
        return PER_MESSAGE + switch (message.type()) {
            case SYSTEM -> text(((SystemMessage) message).text());
            case USER -> user((UserMessage) message);
            case AI -> ai((AiMessage) message);
            case TOOL_EXECUTION_RESULT -> {
                ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
                yield text(result.id()) + text(result.toolName()) + text(result.text());
            }
            default -> text(message.toString());
        };
    }

    public int tools(List<ToolSpecification> tools) {
        int tokens = 0;
        for (ToolSpecification tool : tools) {
            Integer known = toolTokens.get(tool);
            if (known == null) {
                known = PER_TOOL + encoding.countTokensOrdinary(tool.toJson());
                if (toolTokens.size() >= MAX_CACHED_TOOLS) {
                    toolTokens.clear();
                }
                toolTokens.put(tool, known);
            }
            tokens += known;
        }
        return tokens;
    }

    /** The text cut to at most {@code maxTokens} tokens (whole tokens, so the cut may split a word). */
    public String truncate(String text, int maxTokens) {
        IntArrayList tokens = encoding.encodeOrdinary(text);
        if (tokens.size() <= maxTokens) {
            return text;
        }
        IntArrayList kept = new IntArrayList(maxTokens);
        for (int i = 0; i < maxTokens; i++) {
            kept.add(tokens.get(i));
        }
        return encoding.decode(kept);
    }

    private int user(UserMessage message) {
        int tokens = text(message.name());
        for (Content content : message.contents()) {
            tokens += content instanceof TextContent text ? text(text.text()) : imageTokens;
        }
        return tokens;
    }

    private int ai(AiMessage message) {
        int tokens = text(message.text());
        if (message.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : message.toolExecutionRequests()) {
                tokens += PER_TOOL + text(call.id()) + text(call.name()) + text(call.arguments());
            }
        }
        return tokens;
    }
}
