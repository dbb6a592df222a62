package dev.agenticchat.agent.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.agent.fixtures.AgentEventLog;
import dev.agenticchat.agent.fixtures.ApiCaller;
import dev.agenticchat.agent.fixtures.ChatAttachmentsStandIn;
import dev.agenticchat.agent.fixtures.ChatMessages;
import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.contracts.events.MessagePosted.Attachment;
import dev.agenticchat.simulator.LlmSimulator;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A message's attachments in real turns: real Postgres and Kafka, the LLM simulator as the model
 * (it records each request as the provider received it), and a real HTTP stand-in for
 * chat-service's attachment API. Documents' text goes in within the attachments' token budget
 * (1,000 tokens here), images as image parts for models that read them ({@code sim-*} here).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentsIT implements TestPropertyProvider {
    private static final String SERVICE_TOKEN = "attachments-it-service-token";
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private final TestJwks jwks = TestJwks.start();
    private final LlmSimulator simulator = LlmSimulator.start("127.0.0.1", 0);
    private final ChatAttachmentsStandIn chatService = ChatAttachmentsStandIn.start(SERVICE_TOKEN);
    private final String messagesTopic = TestKafka.createTopic("attachments-it.chat.messages", 3);
    private AgentEventLog events;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    EventCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ChatMessages.privateTopicProperties(messagesTopic));
        properties.put("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
        properties.put("agent.llm.base-url", simulator.baseUrl());
        properties.put("micronaut.http.services.chat-service.url", chatService.url());
        properties.put("agentic.service-credentials.token", SERVICE_TOKEN);
        properties.put("agent.attachments.tokens", "1000");
        properties.put("agent.attachments.image-models", "sim-*,claude-*");
        properties.put("agent.llm.anthropic.base-url", simulator.baseUrl());
        properties.put("agent.llm.anthropic.api-key", "sim-anthropic-key");
        return properties;
    }

    @BeforeAll
    void startReading() {
        events = new AgentEventLog(codec);
    }

    @AfterAll
    void stop() throws InterruptedException {
        events.close();
        chatService.close();
        simulator.close();
        jwks.close();
    }

    @Test
    void a_document_and_an_image_reach_the_model_in_the_users_message_fetched_on_the_users_behalf() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        Attachment report = document(chat, "Q3 revenue was 4.2 million euros, up 12 percent.", false);
        Attachment photo = image(chat, "whiteboard.png");

        MessagePosted message = chat.postWithAttachments(thread, "What do these say? " + UUID.randomUUID(), null,
                List.of(report, photo));
        events.awaitCompleted(thread, message.messageId());

        JsonNode user = lastUserMessage(requestWith(message.content()));
        assertThat(user.path("content").isArray()).isTrue();
        String text = textOf(user);
        assertThat(text).startsWith(message.content())
                .contains("<attachment name=\"" + report.name() + "\" type=\"application/pdf\">\n"
                        + "Q3 revenue was 4.2 million euros, up 12 percent.\n</attachment>")
                .contains("[Image attached: \"whiteboard.png\" (image/png, shown with this message).]");
        List<String> images = imageUrls(user);
        assertThat(images).containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
        assertThat(chatService.requestsFor(report.id())).singleElement().satisfies(request -> {
            assertThat(request.part()).isEqualTo("text");
            assertThat(request.tenant()).isEqualTo(chat.tenantId());
            assertThat(request.user()).isEqualTo(chat.userId());
        });
        assertThat(chatService.requestsFor(photo.id())).singleElement()
                .satisfies(request -> assertThat(request.part()).isEqualTo("content"));
    }

    @Test
    void a_later_turn_replays_the_attached_text_without_asking_chat_service_again() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        Attachment contract = document(chat, "The notice period is ninety days.", false);
        MessagePosted first = chat.postWithAttachments(thread, "Read the contract.", null, List.of(contract));
        events.awaitCompleted(thread, first.messageId());

        MessagePosted second = chat.post(thread, "What was the notice period again? " + UUID.randomUUID());
        events.awaitCompleted(thread, second.messageId());

        String earlier = requestWith(second.content()).path("messages").toString();
        assertThat(earlier).contains("Read the contract.").contains("The notice period is ninety days.");
        assertThat(chatService.requestsFor(contract.id())).hasSize(1);
    }

    @Test
    void documents_share_the_token_budget_and_what_does_not_fit_is_cut_with_a_note() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        String thread = ChatMessages.newThread();
        Attachment first = document(chat, "a".repeat(3_000), false);
        Attachment second = document(chat, "b".repeat(3_000), false);
        Attachment third = document(chat, "c".repeat(10), true);

        MessagePosted message = chat.postWithAttachments(thread, "Compare them " + UUID.randomUUID(), null,
                List.of(first, second, third));
        events.awaitCompleted(thread, message.messageId());

        String text = textOf(lastUserMessage(requestWith(message.content())));
        assertThat(text).contains("a".repeat(3_000))
                .contains("b".repeat(1_000) + "\n[… the rest of this document, 2000 more characters, did not fit in the prompt.]")
                .doesNotContain("b".repeat(1_001))
                // The third document's text, not a run of c in a random file name or id.
                .doesNotContain("c".repeat(10));
    }

    @Test
    void a_file_that_cannot_be_read_is_named_to_the_model_and_the_turn_still_answers() throws Exception {
        ChatMessages chat = new ChatMessages(json, messagesTopic);
        ChatMessages other = new ChatMessages(json, messagesTopic, chat.tenantId());
        String thread = ChatMessages.newThread();
        Attachment failing = document(chat, "never read", false);
        chatService.breakDown(failing.id());
        Attachment colleagues = document(other, "the colleague's secret figures", false);

        MessagePosted message = chat.postWithAttachments(thread, "Summarise " + UUID.randomUUID(), null,
                List.of(failing, colleagues));
        events.awaitCompleted(thread, message.messageId());

        String text = textOf(lastUserMessage(requestWith(message.content())));
        assertThat(text).contains("[The attachment \"" + failing.name() + "\" could not be loaded just now")
                .contains("[The user removed the attachment \"" + colleagues.name() + "\" before it was read.]")
                .doesNotContain("secret figures");
    }

    @Test
    void an_anthropic_model_gets_the_image_as_an_image_block() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        agent(tenant, "claude", "anthropic", "claude-sim");
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String thread = ChatMessages.newThread();
        Attachment photo = image(chat, "chart.png");

        MessagePosted message = chat.postWithAttachments(thread, "Describe it " + UUID.randomUUID(), "claude", List.of(photo));
        events.awaitCompleted(thread, message.messageId());

        JsonNode request = requestWith(message.content());
        assertThat(request.path("api").asText()).isEqualTo("anthropic");
        assertThat(imageUrls(lastUserMessage(request)))
                .containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
    }

    @Test
    void a_model_that_does_not_read_images_is_told_so_and_gets_no_image_part() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        agent(tenant, "text-only", "openai", "text-model-1");
        ChatMessages chat = new ChatMessages(json, messagesTopic, tenant);
        String thread = ChatMessages.newThread();
        Attachment photo = image(chat, "cat.png");

        MessagePosted message = chat.postWithAttachments(thread, "What is this? " + UUID.randomUUID(), "text-only",
                List.of(photo));
        events.awaitCompleted(thread, message.messageId());

        JsonNode user = lastUserMessage(requestWith(message.content()));
        assertThat(textOf(user)).contains("[The user attached the image \"cat.png\", but this model cannot see images");
        assertThat(imageUrls(user)).isEmpty();
        assertThat(chatService.requestsFor(photo.id())).isEmpty();
    }

    private void agent(String tenant, String slug, String provider, String model) {
        ApiCaller admin = new ApiCaller(http, jwks.token(tenant, "admin-" + UUID.randomUUID(), Role.PERSON, Role.TENANT_ADMIN));
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("slug", slug);
        agent.put("name", slug);
        agent.put("system_prompt", "You are " + slug + ".");
        agent.put("provider", provider);
        agent.put("model", model);
        admin.send(HttpRequest.POST("/api/agents", agent));
    }

    private Attachment document(ChatMessages owner, String text, boolean truncated) {
        String id = UUID.randomUUID().toString();
        chatService.document(id, owner.tenantId(), owner.userId(), text, truncated);
        return new Attachment(id, "doc-" + id.substring(0, 8) + ".pdf", "application/pdf", Attachment.DOCUMENT, text.length());
    }

    private Attachment image(ChatMessages owner, String name) {
        String id = UUID.randomUUID().toString();
        chatService.image(id, owner.tenantId(), owner.userId(), "image/png", PNG);
        return new Attachment(id, name, "image/png", Attachment.IMAGE, PNG.length);
    }

    private JsonNode requestWith(String marker) {
        return simulator.requests().stream().filter(request -> request.toString().contains(marker)).findFirst().orElseThrow();
    }

    private static JsonNode lastUserMessage(JsonNode request) {
        JsonNode last = null;
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                last = message;
            }
        }
        return last;
    }

    private static String textOf(JsonNode message) {
        if (message.path("content").isTextual()) {
            return message.path("content").asText();
        }
        StringBuilder text = new StringBuilder();
        message.path("content").forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }

    private static List<String> imageUrls(JsonNode message) {
        return StreamSupport.stream(message.path("content").spliterator(), false)
                .filter(part -> part.path("type").asText().equals("image_url"))
                .map(part -> part.path("image_url").path("url").asText())
                .toList();
    }
}
