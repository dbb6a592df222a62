package dev.agenticchat.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.agenticchat.contracts.events.DomainEvent;
import dev.agenticchat.contracts.events.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The published contract files, read from the classpath as a consumer of the contracts jar
 * reads them, and validated the way a consumer would: draft 2020-12 with format assertions on.
 */
final class ContractFiles {
    static final String SCHEMA_BASE = "https://agentic-chat.dev/schemas/";

    /** Plain Jackson, independent of the serde under test, to compare JSON as trees. */
    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder
                    .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                            .keyword(new AnnotationKeyword("x-cloudevents-type"))
                            .build())
                    // The $ids are not served anywhere: they resolve to this jar.
                    .schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private ContractFiles() {
    }

    /** The one list every deployment creates topics from, read relative to this module. */
    static final Path TOPICS_FILE = Path.of("../deploy/kafka/topics.tsv");

    /** A line of {@link #TOPICS_FILE}. */
    record TopicLine(String topic, int partitions, String cleanupPolicy, String description) {
    }

    static List<TopicLine> topicsFile() {
        try {
            return Files.readAllLines(TOPICS_FILE).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(ContractFiles::topicLine)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TopicLine topicLine(String line) {
        String[] cells = line.split("\t");
        if (cells.length != 4 || !cells[1].matches("\\d+")) {
            throw new AssertionError("not topic<TAB>partitions<TAB>cleanup<TAB>what: " + line);
        }
        return new TopicLine(cells[0], Integer.parseInt(cells[1]), cells[2], cells[3]);
    }

    /** One argument set per event type: its CloudEvents type string and its record class. */
    static Stream<Arguments> eventTypes() {
        return EventTypes.all().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    /** File name of an event type's schema and sample: the record name in kebab case, e.g. turn-completed. */
    static String shortName(Class<? extends DomainEvent> eventClass) {
        return eventClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    static String eventSchemaResource(Class<? extends DomainEvent> eventClass) {
        return "schemas/events/" + shortName(eventClass) + ".schema.json";
    }

    static String sampleResource(Class<? extends DomainEvent> eventClass) {
        return "samples/events/" + shortName(eventClass) + ".json";
    }

    static boolean exists(String resource) {
        return ContractFiles.class.getClassLoader().getResource(resource) != null;
    }

    static String text(String resource) {
        try (InputStream in = ContractFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String resource) {
        return parse(text(resource));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loaded through its $id, so the $id must name the file it is in. */
    static JsonSchema eventSchema(Class<? extends DomainEvent> eventClass) {
        return SCHEMAS.getSchema(SchemaLocation.of(SCHEMA_BASE + "events/" + shortName(eventClass) + ".schema.json"),
                CONFIG);
    }

    static JsonSchema schema(String schemaJson) {
        return SCHEMAS.getSchema(schemaJson, CONFIG);
    }

    /** The draft 2020-12 meta-schema: validates schema documents. */
    static JsonSchema metaSchema() {
        return SCHEMAS.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
    }
}
