package dev.agenticchat.notification.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.notification.fixtures.Calls;
import dev.agenticchat.notification.fixtures.GatewayStandIn;
import dev.agenticchat.notification.fixtures.Mailbox;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.notification.fixtures.Rows;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ConversationSummarized events on a private topic, the gateway's directory as a real HTTP
 * stand-in, the mails through a real SMTP server (GreenMail).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationSummaryIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final String SUMMARY = "Asked about rooftop solar panels for a two-storey house and wants a quote by email.";
    private static final String PHONE = "+44 20 7946 0958";

    private final Mailbox mailbox = new Mailbox();
    private final GatewayStandIn gateway = new GatewayStandIn(Calls.SERVICE_TOKEN);
    private final PrivateTopics topics = PrivateTopics.create();

    @Override
    public Map<String, String> getProperties() {
        return topics.properties(Map.of(
                "notification.email.transport", "smtp",
                "notification.email.smtp.port", String.valueOf(mailbox.port()),
                "notification.summaries.gateway-url", gateway.baseUrl()));
    }

    @AfterAll
    void stop() {
        mailbox.close();
        gateway.close();
    }

    /** A thread owner and the tenant's summary recipient (null: none), both known to the gateway. */
    private record Owner(String tenant, String user, String thread, String salesAddress, String personAddress) {
    }

    private Owner person(boolean tenantHasRecipient) {
        Owner owner = new Owner(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                tenantHasRecipient ? "sales-" + UUID.randomUUID() + "@acme.example" : null,
                "ada-" + UUID.randomUUID() + "@example.com");
        gateway.tenant(owner.tenant(), owner.salesAddress());
        gateway.person(owner.tenant(), owner.user(), owner.personAddress());
        return owner;
    }

    private Owner anonymous(boolean tenantHasRecipient) {
        Owner owner = new Owner(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                tenantHasRecipient ? "sales-" + UUID.randomUUID() + "@acme.example" : null, null);
        gateway.tenant(owner.tenant(), owner.salesAddress());
        gateway.anonymous(owner.tenant(), owner.user());
        return owner;
    }

    private void publish(String eventId, Owner owner) throws Exception {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("name", "Ada <Lovelace>");
        lead.put("email", "ada.lead@example.com");
        lead.put("phone", PHONE);
        lead.put("products_and_services", List.of("rooftop solar panels", "home battery"));
        lead.put("preferences", List.of("contact by email"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("thread_id", owner.thread());
        data.put("summary", SUMMARY);
        data.put("lead", lead);
        data.put("message_count", 6);
        data.put("period_start", "2025-11-03T09:14:00.120Z");
        data.put("period_end", "2025-11-03T09:21:42.900Z");
        data.put("summarized_at", "2025-11-03T09:51:45.310Z");
        publish(eventId, owner, JSON.writeValueAsBytes(data));
    }

    private void publish(String eventId, Owner owner, byte[] data) {
        TestKafka.send(topics.events(), owner.thread(), data, Map.of(
                CloudEventHeaders.ID, eventId,
                CloudEventHeaders.SOURCE, "/agentic-chat/agent-service",
                CloudEventHeaders.TYPE, ConversationSummarized.TYPE,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, owner.thread(),
                CloudEventHeaders.TENANT_ID, owner.tenant(),
                CloudEventHeaders.USER_ID, owner.user(),
                CloudEventHeaders.THREAD_ID, owner.thread()));
    }

    private List<MimeMessage> mailsTo(String address) {
        return mailbox.to(address);
    }

    private static List<String> templatesQueued(String tenant) {
        return Rows.strings("SELECT template FROM notification.email_events WHERE tenant_id = ? AND status = 'queued' ORDER BY template",
                tenant);
    }

    private static int inboxRows(String eventId) {
        return Rows.strings("SELECT event_id FROM notification.inbox WHERE consumer = ? AND event_id = ?",
                SummariesListener.GROUP, eventId).size();
    }

    @Test
    void mails_the_summary_and_the_lead_to_the_tenants_recipient_and_a_shorter_mail_to_the_linked_person() throws Exception {
        Owner owner = person(true);
        try (TestKafka.Reader requests = new TestKafka.Reader(topics.requests())) {
            publish(UUID.randomUUID().toString(), owner);

            await().atMost(MAIL_WAIT).untilAsserted(() -> {
                assertThat(mailsTo(owner.salesAddress())).hasSize(1);
                assertThat(mailsTo(owner.personAddress())).hasSize(1);
            });
            List<ConsumerRecord<String, byte[]>> queued = requests.forThread(owner.thread());
            assertThat(queued).hasSize(2).allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .doesNotContain(PHONE).doesNotContain("rooftop").doesNotContain("ada.lead@example.com"));
        }
        MimeMessage sales = mailsTo(owner.salesAddress()).get(0);
        assertThat(sales.getSubject()).isEqualTo("Conversation summary");
        assertThat(Mailbox.part(sales, "text/plain")).contains(SUMMARY, "ada.lead@example.com", PHONE, "rooftop solar panels",
                "Name: Ada <Lovelace>");
        assertThat(Mailbox.part(sales, "text/html")).contains(SUMMARY, "ada.lead@example.com", PHONE, "Ada &lt;Lovelace&gt;")
                .doesNotContain("<Lovelace>");
        MimeMessage person = mailsTo(owner.personAddress()).get(0);
        assertThat(person.getSubject()).isEqualTo("A summary of your conversation");
        assertThat(Mailbox.part(person, "text/plain")).contains("Here is a summary of your conversation", SUMMARY)
                .doesNotContain(PHONE).doesNotContain("Lovelace");
        assertThat(Mailbox.part(person, "text/html")).contains(SUMMARY).doesNotContain(PHONE);

        assertThat(gateway.requests()).filteredOn(r -> r.onBehalfOfTenant().equals(owner.tenant()))
                .extracting(GatewayStandIn.Request::path)
                .containsExactly("/internal/tenants/" + owner.tenant(), "/internal/users/" + owner.user());
        assertThat(gateway.requests()).filteredOn(r -> r.onBehalfOfTenant().equals(owner.tenant()))
                .allSatisfy(r -> assertThat(r.serviceToken()).isEqualTo(Calls.SERVICE_TOKEN))
                .allSatisfy(r -> assertThat(r.onBehalfOfUser()).isEqualTo(owner.user()));
        await().atMost(MAIL_WAIT).untilAsserted(() -> assertThat(Rows.strings(
                "SELECT template || ':' || status || ':' || subject || ':' || user_id FROM notification.email_events WHERE tenant_id = ?"
                        + " ORDER BY template, attempt", owner.tenant())).containsExactly(
                "conversation_summary:queued:Conversation summary:" + owner.user(),
                "conversation_summary:sent:Conversation summary:" + owner.user(),
                "conversation_summary_for_person:queued:A summary of your conversation:" + owner.user(),
                "conversation_summary_for_person:sent:A summary of your conversation:" + owner.user()));
        assertThat(Rows.asJson("email_events", "tenant_id = ?", owner.tenant()))
                .allSatisfy(row -> assertThat(row).doesNotContain("rooftop").doesNotContain(PHONE));
    }

    @Test
    void reads_the_contracts_golden_sample_of_a_conversation_summary() throws Exception {
        Owner owner = person(true);
        byte[] sample;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/events/conversation-summarized.json")) {
            assertThat(in).isNotNull();
            sample = in.readAllBytes();
        }
        publish(UUID.randomUUID().toString(), owner, sample);

        await().atMost(MAIL_WAIT).untilAsserted(() -> {
            assertThat(mailsTo(owner.salesAddress())).hasSize(1);
            assertThat(mailsTo(owner.personAddress())).hasSize(1);
        });
        assertThat(Mailbox.part(mailsTo(owner.salesAddress()).get(0), "text/plain"))
                .contains("Ada asked about rooftop solar panels", "Name: Ada Lovelace", "Email: ada@example.com",
                        "Phone: +44 20 7946 0958", "Address: 12 St James's Square, London", "  - home battery",
                        "  - installation before spring", "6 messages, 3 Nov 2025, 09:14\u201309:21 UTC");
    }

    @Test
    void mails_only_whom_the_gateway_names_an_anonymous_owner_no_one_without_a_recipient_and_skips_the_unknown() throws Exception {
        Owner anonymousOwner = anonymous(true);
        Owner noRecipient = person(false);
        Owner unknownTenant = new Owner(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                null, "grace-" + UUID.randomUUID() + "@example.com");
        gateway.person(unknownTenant.tenant(), unknownTenant.user(), unknownTenant.personAddress());
        Owner nobody = anonymous(false);
        String nobodysEvent = UUID.randomUUID().toString();

        publish(UUID.randomUUID().toString(), anonymousOwner);
        publish(UUID.randomUUID().toString(), noRecipient);
        publish(UUID.randomUUID().toString(), unknownTenant);
        publish(nobodysEvent, nobody);

        await().atMost(MAIL_WAIT).untilAsserted(() -> {
            assertThat(mailsTo(anonymousOwner.salesAddress())).hasSize(1);
            assertThat(mailsTo(noRecipient.personAddress())).hasSize(1);
            assertThat(mailsTo(unknownTenant.personAddress())).hasSize(1);
            assertThat(templatesQueued(anonymousOwner.tenant())).containsExactly("conversation_summary");
            assertThat(templatesQueued(noRecipient.tenant())).containsExactly("conversation_summary_for_person");
            assertThat(templatesQueued(unknownTenant.tenant())).containsExactly("conversation_summary_for_person");
            assertThat(inboxRows(nobodysEvent)).isEqualTo(1);
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(templatesQueued(anonymousOwner.tenant())).hasSize(1);
            assertThat(templatesQueued(nobody.tenant())).isEmpty();
        });
    }

    @Test
    void a_redelivered_summary_sends_nothing_more() throws Exception {
        Owner owner = person(true);
        String eventId = UUID.randomUUID().toString();
        publish(eventId, owner);
        await().atMost(MAIL_WAIT).untilAsserted(() -> {
            assertThat(mailsTo(owner.salesAddress())).hasSize(1);
            assertThat(mailsTo(owner.personAddress())).hasSize(1);
        });

        publish(eventId, owner);
        // Same record key, so the same partition: once the marker is mailed, the redelivery was handled before it.
        Owner marker = new Owner(UUID.randomUUID().toString(), UUID.randomUUID().toString(), owner.thread(),
                "marker-" + UUID.randomUUID() + "@acme.example", null);
        gateway.tenant(marker.tenant(), marker.salesAddress());
        gateway.anonymous(marker.tenant(), marker.user());
        publish(UUID.randomUUID().toString(), marker);

        await().atMost(MAIL_WAIT).untilAsserted(() -> assertThat(mailsTo(marker.salesAddress())).hasSize(1));
        assertThat(mailsTo(owner.salesAddress())).hasSize(1);
        assertThat(mailsTo(owner.personAddress())).hasSize(1);
        assertThat(templatesQueued(owner.tenant())).hasSize(2);
        assertThat(inboxRows(eventId)).isEqualTo(1);
    }

    @Test
    void a_summary_that_arrives_while_the_gateway_is_unreachable_is_mailed_once_when_it_is_back() throws Exception {
        Owner owner = person(true);
        String eventId = UUID.randomUUID().toString();
        gateway.down();
        try {
            publish(eventId, owner);
            // Longer than the attempts after which an ordinary failure is dead-lettered (about 4 s).
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).untilAsserted(() -> {
                assertThat(mailsTo(owner.salesAddress())).isEmpty();
                assertThat(inboxRows(eventId)).isZero();
            });
        } finally {
            gateway.up();
        }

        awaitExactlyOneMailEach(owner);
        assertThat(inboxRows(eventId)).isEqualTo(1);
    }

    @Test
    void a_summary_is_retried_past_the_dead_letter_limit_while_the_gateway_answers_503_and_mailed_once() throws Exception {
        Owner owner = person(true);
        gateway.unavailable();
        try {
            publish(UUID.randomUUID().toString(), owner);
            // An ordinary failure is dead-lettered after 4 attempts: a fifth proves the summary is still held.
            await().atMost(MAIL_WAIT).untilAsserted(() -> assertThat(gateway.requests())
                    .filteredOn(r -> owner.tenant().equals(r.onBehalfOfTenant()) && r.status() == 503).hasSizeGreaterThanOrEqualTo(5));
        } finally {
            gateway.up();
        }

        awaitExactlyOneMailEach(owner);
    }

    private void awaitExactlyOneMailEach(Owner owner) {
        await().atMost(MAIL_WAIT).untilAsserted(() -> {
            assertThat(mailsTo(owner.salesAddress())).hasSize(1);
            assertThat(mailsTo(owner.personAddress())).hasSize(1);
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(mailsTo(owner.salesAddress())).hasSize(1);
            assertThat(mailsTo(owner.personAddress())).hasSize(1);
        });
    }

    @Test
    void erasing_the_person_deletes_the_mail_log_of_their_summaries_and_nothing_else() throws Exception {
        Owner owner = person(true);
        String bystander = "alan-" + UUID.randomUUID() + "@example.com";
        Rows.execute("INSERT INTO notification.email_events (id, email_id, request_id, tenant_id, user_id, recipient, template,"
                + " status, attempt) VALUES (?, ?, 'r', ?, ?, ?, 'otp_code', 'sent', 1)", UUID.randomUUID(), UUID.randomUUID(),
                owner.tenant(), UUID.randomUUID().toString(), bystander);
        publish(UUID.randomUUID().toString(), owner);
        await().atMost(MAIL_WAIT).untilAsserted(() -> assertThat(Rows.strings(
                "SELECT template FROM notification.email_events WHERE tenant_id = ? AND status = 'sent'", owner.tenant()))
                .containsExactlyInAnyOrder("otp_code", "conversation_summary", "conversation_summary_for_person"));

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(owner.personAddress().getBytes(StandardCharsets.UTF_8)));
        byte[] erasure = JSON.writeValueAsBytes(Map.of("erasure_id", UUID.randomUUID().toString(), "tenant_id", owner.tenant(),
                "user_ids", List.of(owner.user()), "email_sha256", sha256, "requested_at", Instant.now().toString()));
        TestKafka.send(topics.identity(), owner.user(), erasure, Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, ErasureRequested.TYPE,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.TENANT_ID, owner.tenant()));

        await().atMost(MAIL_WAIT).untilAsserted(() -> assertThat(
                Rows.strings("SELECT recipient FROM notification.email_events WHERE tenant_id = ?", owner.tenant()))
                .containsExactly(bystander));
    }
}
