package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retrieval through the product: a document uploaded over HTTP is indexed (watched on the
 * WebSocket), a thread with its knowledge base asks a question, the model calls
 * search_knowledge, and the answer cites the right document and passage, live and in history.
 */
class KnowledgeE2EIT {
    private static final Duration INGESTION = Duration.ofSeconds(120);
    private static final Duration TURN = Duration.ofSeconds(60);
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void an_uploaded_document_is_indexed_searched_by_the_agent_and_cited_in_the_answer() {
        Api.Session session = api.anonymousSession();
        String token = session.accessToken();
        try (WsClient ws = WsClient.authenticated(suite, token)) {
            Api.Response kb = api.post("/api/knowledge-bases", token, Map.of("name", "Employee handbook"));
            assertThat(kb.status()).isEqualTo(201);
            String kbId = kb.body().path("id").asText();
            String handbook = "Welcome to Acme. Employees receive twenty-seven vacation days per year, taken in blocks of "
                    + "at least two days. Remote work is possible on Fridays. The cafeteria opens at eight.";
            Api.Response upload = api.upload("/api/knowledge-bases/" + kbId + "/documents", token, "handbook.txt",
                    handbook.getBytes(StandardCharsets.UTF_8));
            assertThat(upload.status()).isEqualTo(202);
            String documentId = upload.body().path("id").asText();

            JsonNode indexed = ws.await(f -> f.path("type").asText().equals("document_progress")
                    && f.path("document_id").asText().equals(documentId) && f.path("status").asText().equals("indexed"), INGESTION);
            assertThat(indexed.path("knowledge_base_id").asText()).isEqualTo(kbId);

            Api.Response thread = api.post("/api/threads", token, Map.of("title", "HR questions", "knowledge_base_ids", List.of(kbId)));
            assertThat(thread.status()).isEqualTo(201);
            String threadId = thread.body().path("id").asText();
            ws.send(Map.of("type", "user_message", "thread_id", threadId, "client_message_id", UUID.randomUUID().toString(),
                    "content", "search: how many vacation days do employees receive"));

            JsonNode answer = ws.awaitType("assistant_message", TURN);
            JsonNode citations = answer.path("citations");
            assertThat(citations).isNotEmpty();
            assertThat(citations.get(0).path("document_id").asText()).isEqualTo(documentId);
            assertThat(citations.get(0).path("title").asText()).isEqualTo("handbook.txt");
            assertThat(citations.get(0).path("passage").asText()).contains("twenty-seven vacation days");
            assertThat(ws.received()).anySatisfy(f -> {
                assertThat(f.path("type").asText()).isEqualTo("tool_execution");
                assertThat(f.path("tool_name").asText()).isEqualTo("search_knowledge");
            });

            // chat-service stores the answer from the same event the gateway pushed, on its own consumer: wait for it.
            await("the stored answer").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode stored = api.get("/api/threads/" + threadId + "/messages", token).body().path("items").get(1);
                assertThat(stored).isNotNull();
                assertThat(stored.path("role").asText()).isEqualTo("assistant");
                assertThat(stored.toString()).contains(documentId).contains("twenty-seven vacation days");
            });
        }
    }
}
