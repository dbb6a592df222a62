package dev.agenticchat.notification.email;

import static dev.agenticchat.notification.email.ConversationSummaryMails.LEAD_ADDRESS;
import static dev.agenticchat.notification.email.ConversationSummaryMails.LEAD_EMAIL;
import static dev.agenticchat.notification.email.ConversationSummaryMails.LEAD_NAME;
import static dev.agenticchat.notification.email.ConversationSummaryMails.LEAD_PHONE;
import static dev.agenticchat.notification.email.ConversationSummaryMails.LEAD_PREFERENCES;
import static dev.agenticchat.notification.email.ConversationSummaryMails.LEAD_PRODUCTS_AND_SERVICES;
import static dev.agenticchat.notification.email.ConversationSummaryMails.SUMMARIZED_AT;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The summary of a conversation for the tenant's summary recipient (sales): what the visitor
 * wanted and the lead profile they disclosed, laid out as a table. A detail the visitor did not
 * give is left out. The subject is fixed: email_events keeps it, and it must name nobody.
 */
@Singleton
class ConversationSummaryTemplate implements MailTemplate {
    static final String SUBJECT = "Conversation summary";

    private static final String ROW = """
            <tr><th style="text-align: left; vertical-align: top; font-weight: normal; color: #656d76; padding: 4px 16px 4px 0;">{{label}}</th>\
            <td style="padding: 4px 0;">{{value}}</td></tr>""";
    private static final String ITEM = "<li>{{item}}</li>";
    private static final String LIST = "<ul style=\"margin: 0; padding-left: 18px;\">{{items}}</ul>";
    private static final String TABLE = "<table style=\"border-collapse: collapse; margin: 0 0 8px;\">{{rows}}</table>";
    private static final String NOTHING_HTML = "<p style=\"color: #656d76; margin: 0 0 8px;\">{{nothing}}</p>";
    static final String NOTHING = "The visitor shared no contact details, products or preferences.";

    private record Detail(String label, String param) {
    }

    private static final List<Detail> SINGLE = List.of(new Detail("Name", LEAD_NAME), new Detail("Email", LEAD_EMAIL),
            new Detail("Phone", LEAD_PHONE), new Detail("Address", LEAD_ADDRESS));
    private static final List<Detail> LISTS = List.of(new Detail("Products and services", LEAD_PRODUCTS_AND_SERVICES),
            new Detail("Preferences", LEAD_PREFERENCES));

    private final String html = TemplateText.resource("mail/conversation_summary.html");
    private final String text = TemplateText.resource("mail/conversation_summary.txt");

    @Override
    public String name() {
        return ConversationSummaryMails.FOR_RECIPIENT;
    }

    @Override
    public RenderedMail render(@Nullable String locale, Map<String, String> params) {
        Map<String, String> values = Map.of(
                "overview", ConversationSummaryForPersonTemplate.overview(params),
                "summary", ConversationSummaryMails.summary(params),
                "summarized", params.get(SUMMARIZED_AT) == null ? ""
                        : "Summarised on " + ConversationSummaryMails.moment(params, SUMMARIZED_AT) + ". ");
        return new RenderedMail(SUBJECT, TemplateText.fillHtml(html, values, Map.of("lead", leadHtml(params))),
                TemplateText.fill(text, with(values, "lead", leadText(params)), false));
    }

    private static String leadHtml(Map<String, String> params) {
        StringBuilder rows = new StringBuilder();
        for (Detail detail : SINGLE) {
            String value = params.get(detail.param());
            if (value != null && !value.isBlank()) {
                rows.append(TemplateText.fill(ROW, Map.of("label", detail.label(), "value", value), true));
            }
        }
        for (Detail detail : LISTS) {
            List<String> items = ConversationSummaryMails.items(params.get(detail.param()));
            if (!items.isEmpty()) {
                String listItems = items.stream().map(item -> TemplateText.fill(ITEM, Map.of("item", item), true))
                        .collect(Collectors.joining());
                String list = TemplateText.fillHtml(LIST, Map.of(), Map.of("items", listItems));
                rows.append(TemplateText.fillHtml(ROW, Map.of("label", detail.label()), Map.of("value", list)));
            }
        }
        if (rows.isEmpty()) {
            return TemplateText.fill(NOTHING_HTML, Map.of("nothing", NOTHING), true);
        }
        return TemplateText.fillHtml(TABLE, Map.of(), Map.of("rows", rows.toString()));
    }

    private static String leadText(Map<String, String> params) {
        StringBuilder lines = new StringBuilder();
        for (Detail detail : SINGLE) {
            String value = params.get(detail.param());
            if (value != null && !value.isBlank()) {
                lines.append(detail.label()).append(": ").append(value).append('\n');
            }
        }
        for (Detail detail : LISTS) {
            List<String> items = ConversationSummaryMails.items(params.get(detail.param()));
            if (!items.isEmpty()) {
                lines.append(detail.label()).append(":\n");
                items.forEach(item -> lines.append("  - ").append(item).append('\n'));
            }
        }
        return lines.isEmpty() ? NOTHING : lines.toString().stripTrailing();
    }

    private static Map<String, String> with(Map<String, String> values, String name, String value) {
        Map<String, String> all = new HashMap<>(values);
        all.put(name, value);
        return all;
    }
}
