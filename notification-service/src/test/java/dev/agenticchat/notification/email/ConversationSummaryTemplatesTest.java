package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.contracts.events.ConversationSummarized;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationSummaryTemplatesTest {
    private final ParamSealer sealer = new ParamSealer(new SealerSettings("test-pepper"));
    private final ConversationSummaryMails mails = new ConversationSummaryMails(sealer);
    private final ConversationSummaryTemplate forRecipient = new ConversationSummaryTemplate();
    private final ConversationSummaryForPersonTemplate forPerson = new ConversationSummaryForPersonTemplate();

    private static ConversationSummarized summary(ConversationSummarized.Lead lead) {
        return new ConversationSummarized("thread-1", "Wants <b>solar</b> panels & a quote.\nBefore spring.", lead, 6,
                Instant.parse("2025-11-03T09:14:00Z"), Instant.parse("2025-11-03T09:21:42Z"), Instant.parse("2025-11-03T09:51:45Z"));
    }

    private static final ConversationSummarized.Lead ADA = new ConversationSummarized.Lead("Ada <script>alert(1)</script>",
            "ada@example.com", "+44 20 7946 0958", "12 St James's Square", List.of("rooftop solar panels", "home\nbattery"),
            List.of("contact by email"));

    /** What the mailer hands a template: the request's parameters, opened. */
    private Map<String, String> opened(Map<String, String> params) {
        return sealer.open(params);
    }

    @Test
    void the_recipients_mail_lays_out_the_lead_with_every_value_escaped_and_a_subject_naming_nobody() {
        RenderedMail mail = forRecipient.render(null, opened(mails.forRecipient(summary(ADA))));

        assertThat(mail.subject()).isEqualTo("Conversation summary");
        assertThat(mail.html()).startsWith("<!DOCTYPE html>")
                .contains("Ada &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("Wants &lt;b&gt;solar&lt;/b&gt; panels &amp; a quote.").doesNotContain("<b>solar")
                .contains("12 St James&#39;s Square")
                .contains("<th", "Phone", "+44 20 7946 0958", "ada@example.com")
                .contains("<li>rooftop solar panels</li>", "<li>home battery</li>", "<li>contact by email</li>")
                .contains("6 messages, 3 Nov 2025, 09:14\u201309:21 UTC")
                .doesNotContain("{{");
        assertThat(mail.text()).contains("Wants <b>solar</b> panels & a quote.\nBefore spring.")
                .contains("Name: Ada <script>alert(1)</script>", "Phone: +44 20 7946 0958", "Email: ada@example.com")
                .contains("Products and services:\n  - rooftop solar panels\n  - home battery")
                .contains("Summarised on 3 Nov 2025, 09:51 UTC.");
    }

    @Test
    void leaves_out_what_the_visitor_did_not_say() {
        ConversationSummarized.Lead phoneOnly = new ConversationSummarized.Lead(null, null, "0123", null, List.of(), List.of());
        RenderedMail some = forRecipient.render(null, opened(mails.forRecipient(summary(phoneOnly))));
        RenderedMail none = forRecipient.render(null, opened(mails.forRecipient(summary(ConversationSummarized.Lead.EMPTY))));

        assertThat(some.html()).contains("Phone").doesNotContain(">Name<", ">Email<", "Preferences");
        assertThat(some.text()).contains("Phone: 0123").doesNotContain("Name:");
        assertThat(none.html()).contains(ConversationSummaryTemplate.NOTHING).doesNotContain("<table");
        assertThat(none.text()).contains(ConversationSummaryTemplate.NOTHING);
    }

    @Test
    void the_persons_mail_carries_the_summary_without_the_lead_profile() {
        RenderedMail mail = forPerson.render(null, opened(mails.forPerson(summary(ADA))));

        assertThat(mail.subject()).isEqualTo("A summary of your conversation");
        assertThat(mail.html()).contains("Here is a summary of your conversation", "Wants &lt;b&gt;solar&lt;/b&gt;")
                .doesNotContain("Ada", "+44", "Lead", "rooftop");
        assertThat(mail.text()).contains("Wants <b>solar</b> panels").doesNotContain("Ada", "+44", "<html");
    }

    @Test
    void seals_what_the_person_said_for_its_trip_through_the_outbox_and_kafka() {
        Map<String, String> params = mails.forRecipient(summary(ADA));

        assertThat(params.get("message_count")).isEqualTo("6");
        assertThat(String.join(" ", params.values())).doesNotContain("solar", "Ada", "+44", "ada@example.com", "St James");
        assertThat(Arrays.asList("summary", "lead_name", "lead_email", "lead_phone", "lead_address",
                "lead_products_and_services", "lead_preferences")).allSatisfy(name -> assertThat(params.get(name)).startsWith("sealed:"));
    }

    @Test
    void names_both_days_of_a_conversation_that_spans_midnight_and_counts_one_message_as_one() {
        ConversationSummarized late = new ConversationSummarized("thread-2", "Short.", null, 1,
                Instant.parse("2025-11-03T23:58:00Z"), Instant.parse("2025-11-04T00:03:00Z"), Instant.parse("2025-11-04T00:40:00Z"));

        assertThat(forPerson.render(null, opened(mails.forPerson(late))).text())
                .contains("1 message, 3 Nov 2025, 23:58 UTC \u2013 4 Nov 2025, 00:03 UTC");
        assertThat(forRecipient.render(null, opened(mails.forRecipient(late))).text()).contains(ConversationSummaryTemplate.NOTHING);
    }

    @Test
    void refuses_a_summary_mail_without_its_summary() {
        assertThatThrownBy(() -> forPerson.render(null, Map.of("message_count", "2"))).isInstanceOf(InvalidMailRequest.class);
    }
}
