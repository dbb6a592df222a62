package dev.agenticchat.agent.summary;

import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.agenticchat.agent.llm.BlockingModel;
import dev.agenticchat.agent.llm.ModelCall;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the model twice about a transcript: for a summary in plain text, then for the lead profile
 * as JSON constrained by {@link LeadProfiles#SCHEMA}. An answer that still breaks the schema is
 * asked for once more; after that the profile stays empty, since a summary without a profile is
 * worth more than none. Model failures propagate: the sweep retries the thread later. Each call is
 * a step of the thread's summary in the request log: 1 the summary, 2 and 3 the lead profile. The
 * running summary of a turn's context window is written through {@link #summarize} too: one way of
 * asking for a summary, whoever wants it.
 */
@Singleton
public class SummaryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryWriter.class);
    private static final int LEAD_ATTEMPTS = 2;

    private final BlockingModel model;
    private final SummarySettings settings;

    SummaryWriter(BlockingModel model, SummarySettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /** The conversation's summary and lead profile. */
    record Written(String summary, ConversationSummarized.Lead lead) {
    }

    Written write(SummaryService.ClaimedThread thread, List<SummaryService.Line> transcript) {
        String summary = summarize(step(thread, 1), conversation(settings.getSummaryPrompt(), transcript), null);
        return new Written(summary, lead(thread, transcript));
    }

    /**
     * Asks for a summary of {@code messages} (the instructions first) as {@code call}; at most
     * {@code maxOutputTokens} if given. The answer's text, stripped; a model failure or an answer
     * without text throws.
     */
    public String summarize(ModelCall call, List<ChatMessage> messages, @Nullable Integer maxOutputTokens) {
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (maxOutputTokens != null) {
            request.maxOutputTokens(maxOutputTokens);
        }
        String summary = model.chat(call, request.build()).aiMessage().text();
        if (summary == null || summary.isBlank()) {
            throw new IllegalStateException("the model answered the summary request without text");
        }
        return summary.strip();
    }

    private ConversationSummarized.Lead lead(SummaryService.ClaimedThread thread, List<SummaryService.Line> transcript) {
        String threadId = thread.threadId();
        List<String> problems = new ArrayList<>();
        for (int attempt = 1; attempt <= LEAD_ATTEMPTS; attempt++) {
            String answer = model.chat(step(thread, 1 + attempt), ChatRequest.builder()
                    .messages(conversation(settings.getLeadPrompt(), transcript))
                    .responseFormat(LeadProfiles.RESPONSE_FORMAT)
                    .build()).aiMessage().text();
            problems.clear();
            Optional<ConversationSummarized.Lead> lead = LeadProfiles.parse(answer, problems);
            if (lead.isPresent()) {
                return lead.get();
            }
            LOG.warn("thread {}: lead profile attempt {} broke the schema: {}", threadId, attempt, problems);
        }
        LOG.warn("thread {}: no valid lead profile after {} attempts; storing an empty one", threadId, LEAD_ATTEMPTS);
        return ConversationSummarized.Lead.EMPTY;
    }

    private static ModelCall step(SummaryService.ClaimedThread thread, int step) {
        return ModelCall.summaryStep(thread.tenantId(), thread.userId(), thread.threadId(), step);
    }

    /** The instructions, then the thread replayed as the messages it was. */
    private static List<ChatMessage> conversation(String instructions, List<SummaryService.Line> transcript) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(instructions));
        for (SummaryService.Line line : transcript) {
            messages.add(line.fromUser() ? UserMessage.from(line.text()) : AiMessage.from(line.text()));
        }
        return messages;
    }
}
