package dev.agenticchat.notification.email;

import dev.agenticchat.contracts.events.ConversationSummarized;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The two conversation summary mails as {@link dev.agenticchat.contracts.events.SendEmail}
 * parameters, and their reading back by the templates: the one place that knows their format.
 * What the person said (summary, lead details) is sealed, so it crosses the outbox table and
 * Kafka encrypted, like a one-time code; a list travels as one item per line.
 */
@Singleton
public class ConversationSummaryMails {
    /** For the tenant's summary recipient: the summary and the lead profile. */
    public static final String FOR_RECIPIENT = "conversation_summary";
    /** For the linked person whose conversation it was: the summary only. */
    public static final String FOR_PERSON = "conversation_summary_for_person";

    static final String SUMMARY = "summary";
    static final String MESSAGE_COUNT = "message_count";
    static final String PERIOD_START = "period_start";
    static final String PERIOD_END = "period_end";
    static final String SUMMARIZED_AT = "summarized_at";
    static final String LEAD_NAME = "lead_name";
    static final String LEAD_EMAIL = "lead_email";
    static final String LEAD_PHONE = "lead_phone";
    static final String LEAD_ADDRESS = "lead_address";
    static final String LEAD_PRODUCTS_AND_SERVICES = "lead_products_and_services";
    static final String LEAD_PREFERENCES = "lead_preferences";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ParamSealer sealer;

    ConversationSummaryMails(ParamSealer sealer) {
        this.sealer = sealer;
    }

    public Map<String, String> forRecipient(ConversationSummarized summary) {
        Map<String, String> params = forPerson(summary);
        if (summary.summarizedAt() != null) {
            params.put(SUMMARIZED_AT, summary.summarizedAt().toString());
        }
        ConversationSummarized.Lead lead = summary.lead() == null ? ConversationSummarized.Lead.EMPTY : summary.lead();
        putSealed(params, LEAD_NAME, lead.name());
        putSealed(params, LEAD_EMAIL, lead.email());
        putSealed(params, LEAD_PHONE, lead.phone());
        putSealed(params, LEAD_ADDRESS, lead.address());
        putSealed(params, LEAD_PRODUCTS_AND_SERVICES, lines(lead.productsAndServices()));
        putSealed(params, LEAD_PREFERENCES, lines(lead.preferences()));
        return params;
    }

    public Map<String, String> forPerson(ConversationSummarized summary) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(SUMMARY, sealer.seal(summary.summary()));
        params.put(MESSAGE_COUNT, String.valueOf(summary.messageCount()));
        if (summary.periodStart() != null && summary.periodEnd() != null) {
            params.put(PERIOD_START, summary.periodStart().toString());
            params.put(PERIOD_END, summary.periodEnd().toString());
        }
        return params;
    }

    private void putSealed(Map<String, String> params, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, sealer.seal(value.strip()));
        }
    }

    /** One item per line; a line break inside an item means nothing in a list, so it becomes a space. */
    private static String lines(@Nullable List<String> items) {
        if (items == null) {
            return null;
        }
        return String.join("\n", items.stream().filter(Objects::nonNull).map(item -> item.replaceAll("[\\r\\n]+", " ").strip())
                .filter(item -> !item.isEmpty()).toList());
    }

    static List<String> items(@Nullable String lines) {
        return lines == null ? List.of() : Arrays.stream(lines.split("\n")).filter(line -> !line.isBlank()).toList();
    }

    /** "6 messages". */
    static String messages(Map<String, String> params) {
        String count = params.get(MESSAGE_COUNT);
        if (count == null || !count.matches("\\d{1,9}")) {
            throw new InvalidMailRequest("a conversation summary needs a message count");
        }
        return count + (count.equals("1") ? " message" : " messages");
    }

    /** "3 Nov 2025, 09:14–09:21 UTC", or both days when the conversation spans midnight; empty when unknown. */
    static String period(Map<String, String> params) {
        if (params.get(PERIOD_START) == null || params.get(PERIOD_END) == null) {
            return "";
        }
        Instant start = instant(params, PERIOD_START);
        Instant end = instant(params, PERIOD_END);
        if (DAY.format(start).equals(DAY.format(end))) {
            return DAY.format(start) + ", " + TIME.format(start) + "\u2013" + TIME.format(end) + " UTC";
        }
        return DAY.format(start) + ", " + TIME.format(start) + " UTC \u2013 " + DAY.format(end) + ", " + TIME.format(end) + " UTC";
    }

    /** "3 Nov 2025, 09:51 UTC". */
    static String moment(Map<String, String> params, String name) {
        Instant instant = instant(params, name);
        return DAY.format(instant) + ", " + TIME.format(instant) + " UTC";
    }

    static String summary(Map<String, String> params) {
        String summary = params.get(SUMMARY);
        if (summary == null || summary.isBlank()) {
            throw new InvalidMailRequest("a conversation summary mail needs the summary");
        }
        return summary.strip();
    }

    private static Instant instant(Map<String, String> params, String name) {
        try {
            return Instant.parse(params.get(name));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidMailRequest(name + " is not an instant");
        }
    }
}
