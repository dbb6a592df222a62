package dev.agenticchat.agent.summary;

import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.agenticchat.agent.llm.BlockingModel;
import dev.agenticchat.agent.llm.ModelCall;
import dev.langchain4j.model.chat.request.ChatRequest;
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
 * a step of the thread's summary in the request log: 1 the summary, 2 and 3 the lead profile.
 */
@Singleton
class SummaryWriter {
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
        String summary = model.chat(step(thread, 1), ChatRequest.builder()
                .messages(conversation(settings.getSummaryPrompt(), transcript))
                .build()).aiMessage().text();
        if (summary == null || summary.isBlank()) {
            throw new IllegalStateException("the model answered the summary request without text");
        }
        return new Written(summary.strip(), lead(thread, transcript));
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
