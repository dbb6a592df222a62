package dev.agenticchat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenticchat.contracts.ContractFiles.TopicLine;
import dev.agenticchat.contracts.events.AgentCommand;
import dev.agenticchat.contracts.events.AgentConfigEvent;
import dev.agenticchat.contracts.events.AgentEvent;
import dev.agenticchat.contracts.events.ArtifactEvent;
import dev.agenticchat.contracts.events.BudgetEvent;
import dev.agenticchat.contracts.events.ChatEvent;
import dev.agenticchat.contracts.events.IdentityEvent;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.EventTypes;
import dev.agenticchat.contracts.events.NotificationEvent;
import dev.agenticchat.contracts.events.NotificationRequest;
import dev.agenticchat.contracts.events.RetrievalCommand;
import dev.agenticchat.contracts.events.RetrievalEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** asyncapi.yaml documents every topic so a downstream team can consume without reading our code. */
class AsyncApiDocumentTest {
    /** The topic of each sealed event family, as each interface's documentation says. */
    private static final Map<Class<?>, String> TOPIC_OF_FAMILY = Map.ofEntries(
            Map.entry(IdentityEvent.class, Topics.IDENTITY_EVENTS),
            Map.entry(ChatEvent.class, Topics.CHAT_MESSAGES),
            Map.entry(AgentEvent.class, Topics.AGENT_EVENTS),
            Map.entry(AgentCommand.class, Topics.AGENT_COMMANDS),
            Map.entry(AgentConfigEvent.class, Topics.AGENT_CONFIGS),
            Map.entry(BudgetEvent.class, Topics.AGENT_BUDGETS),
            Map.entry(ArtifactEvent.class, Topics.ARTIFACT_EVENTS),
            Map.entry(NotificationRequest.class, Topics.NOTIFICATION_REQUESTS),
            Map.entry(NotificationEvent.class, Topics.NOTIFICATION_EVENTS),
            Map.entry(RetrievalEvent.class, Topics.RETRIEVAL_EVENTS),
            Map.entry(RetrievalCommand.class, Topics.RETRIEVAL_INGESTION));

    private final JsonNode document = ContractFiles.JSON.valueToTree(new Yaml().load(ContractFiles.text("asyncapi.yaml")));

    @Test
    void is_an_asyncapi_3_document() {
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("info").path("version").asText()).isNotBlank();
    }

    @Test
    void names_every_topic_of_Topics_ALL_and_every_dead_letter_topic_of_topics_tsv_as_a_channel() {
        List<String> topicsFile = ContractFiles.topicsFile().stream().map(TopicLine::topic).toList();

        assertThat(channelsByAddress().keySet()).containsAll(Topics.ALL)
                .containsExactlyInAnyOrderElementsOf(topicsFile);
    }

    @Test
    void gives_every_channel_the_partition_count_of_topics_tsv_and_a_description() {
        Map<String, JsonNode> channels = channelsByAddress();
        for (TopicLine line : ContractFiles.topicsFile()) {
            JsonNode channel = channels.get(line.topic());
            assertThat(channel).as(line.topic()).isNotNull();
            assertThat(channel.path("description").asText()).as(line.topic()).isNotBlank();
            JsonNode kafka = channel.path("bindings").path("kafka");
            assertThat(kafka.path("topic").asText()).as(line.topic()).isEqualTo(line.topic());
            assertThat(kafka.path("partitions").asInt()).as(line.topic()).isEqualTo(line.partitions());
        }
    }

    @Test
    void names_every_event_type_string_of_EventTypes() {
        Set<String> documented = new TreeSet<>();
        document.path("components").path("messages")
                .forEach(message -> documented.add(message.path("x-cloudevents-type").asText()));
        documented.remove("");

        assertThat(documented).isEqualTo(EventTypes.all().keySet());
    }

    @Test
    void every_message_payload_is_the_schema_of_its_event_type() {
        document.path("components").path("messages").fields().forEachRemaining(entry -> {
            JsonNode message = entry.getValue();
            String type = message.path("x-cloudevents-type").asText();
            if (type.isEmpty()) {
                return;
            }
            Class<? extends DomainEvent> eventClass = EventTypes.classOf(type).orElseThrow();
            assertThat(message.path("name").asText()).as(entry.getKey()).isEqualTo(eventClass.getSimpleName());
            assertThat(message.path("payload").path("$ref").asText()).as(entry.getKey())
                    .isEqualTo("./" + ContractFiles.eventSchemaResource(eventClass));
            assertThat(message.path("traits").toString()).as(entry.getKey())
                    .contains("#/components/messageTraits/cloudEvent");
        });
    }

    @Test
    void each_topic_carries_exactly_the_event_types_of_its_sealed_family() {
        Map<String, JsonNode> channels = channelsByAddress();
        TOPIC_OF_FAMILY.forEach((family, topic) -> {
            Set<String> expected = Arrays.stream(family.getPermittedSubclasses())
                    .map(eventClass -> EventTypes.all().entrySet().stream()
                            .filter(entry -> entry.getValue() == eventClass)
                            .map(Map.Entry::getKey).findFirst().orElseThrow())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> carried = new TreeSet<>();
            channels.get(topic).path("messages")
                    .forEach(ref -> carried.add(resolve(ref).path("x-cloudevents-type").asText()));

            assertThat(carried).as(topic).isEqualTo(expected);
        });
        assertThat(DomainEvent.class.getPermittedSubclasses()).containsExactlyInAnyOrderElementsOf(TOPIC_OF_FAMILY.keySet());
    }

    @Test
    void the_cloud_events_trait_lists_every_header_of_CloudEventHeaders_and_the_dead_letter_message_its_own() {
        Set<String> traitHeaders = fieldNames(document.at("/components/messageTraits/cloudEvent/headers/properties"));
        Set<String> deadLetterHeaders = fieldNames(document.at("/components/messages/deadLetter/headers/properties"));

        Set<String> expected = headerConstants();
        Set<String> expectedDeadLetter = expected.stream().filter(header -> header.startsWith("dlq_"))
                .collect(Collectors.toCollection(TreeSet::new));
        expected.removeAll(expectedDeadLetter);

        assertThat(traitHeaders).isEqualTo(expected);
        assertThat(deadLetterHeaders).isEqualTo(expectedDeadLetter);
    }

    @Test
    void every_channel_has_an_operation_and_every_operation_names_its_services() {
        Set<String> channelsWithOperations = new TreeSet<>();
        document.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            assertThat(operation.path("action").asText()).as(entry.getKey()).isIn("send", "receive");
            assertThat(operation.path("tags")).as(entry.getKey()).isNotEmpty();
            operation.path("tags").forEach(tag -> assertThat(tag.path("name").asText()).as(entry.getKey())
                    .endsWith("-service"));
            channelsWithOperations.add(operation.path("channel").path("$ref").asText());
        });

        Set<String> channels = fieldNames(document.path("channels")).stream().map(name -> "#/channels/" + name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(channelsWithOperations).isEqualTo(channels);
    }

    @Test
    void every_reference_resolves_within_the_document_or_to_a_file_of_this_jar() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            if (ref.startsWith("#")) {
                assertThat(resolve(ref).isMissingNode()).as(ref).isFalse();
            } else {
                assertThat(ref).startsWith("./");
                assertThat(ContractFiles.exists(ref.substring(2))).as(ref).isTrue();
            }
        });
    }

    private Map<String, JsonNode> channelsByAddress() {
        Map<String, JsonNode> channels = new HashMap<>();
        document.path("channels").forEach(channel -> {
            JsonNode previous = channels.put(channel.path("address").asText(), channel);
            assertThat(previous).as("two channels for " + channel.path("address").asText()).isNull();
        });
        return channels;
    }

    /** Follows a local reference object, or a reference string, to what it points at. */
    private JsonNode resolve(JsonNode refOrNode) {
        return refOrNode.has("$ref") ? resolve(refOrNode.path("$ref").asText()) : refOrNode;
    }

    private JsonNode resolve(String ref) {
        JsonNode target = document.at(ref.substring(1));
        return target.has("$ref") ? resolve(target) : target;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> headerConstants() {
        Set<String> headers = new TreeSet<>();
        for (Field field : CloudEventHeaders.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && !field.getName().endsWith("_VALUE")) {
                try {
                    headers.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return headers;
    }
}
