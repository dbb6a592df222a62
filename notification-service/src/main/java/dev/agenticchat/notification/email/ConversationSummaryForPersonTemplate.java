package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The summary of a conversation for the linked person who had it: a shorter mail, the summary
 * only, none of the lead profile's sales framing. The subject is fixed and names nobody.
 */
@Singleton
class ConversationSummaryForPersonTemplate implements MailTemplate {
    static final String SUBJECT = "A summary of your conversation";

    private final String html = TemplateText.resource("mail/conversation_summary_for_person.html");
    private final String text = TemplateText.resource("mail/conversation_summary_for_person.txt");

    @Override
    public String name() {
        return ConversationSummaryMails.FOR_PERSON;
    }

    @Override
    public RenderedMail render(@Nullable String locale, Map<String, String> params) {
        Map<String, String> values = Map.of("overview", overview(params), "summary", ConversationSummaryMails.summary(params));
        return new RenderedMail(SUBJECT, TemplateText.fill(html, values, true), TemplateText.fill(text, values, false));
    }

    /** "6 messages, 3 Nov 2025, 09:14–09:21 UTC". */
    static String overview(Map<String, String> params) {
        String period = ConversationSummaryMails.period(params);
        return ConversationSummaryMails.messages(params) + (period.isEmpty() ? "" : ", " + period);
    }
}
