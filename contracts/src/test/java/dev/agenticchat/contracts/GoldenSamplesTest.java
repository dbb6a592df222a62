package dev.agenticchat.contracts;

import static dev.agenticchat.contracts.ContractFiles.json;
import static dev.agenticchat.contracts.ContractFiles.parse;
import static dev.agenticchat.contracts.ContractFiles.sampleResource;
import static dev.agenticchat.contracts.ContractFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.events.DomainEvent;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract test producers and consumers share: a consumer reads the golden sample into the
 * record, a producer writing that record writes the golden sample. Uses micronaut-serde, as the
 * services do.
 */
class GoldenSamplesTest {
    private final ObjectMapper serde = ObjectMapper.getDefault();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.agenticchat.contracts.ContractFiles#eventTypes")
    void every_golden_sample_reads_into_its_record_and_writes_back_as_the_same_json(
            String type, Class<? extends DomainEvent> eventClass) throws IOException {
        String sample = text(sampleResource(eventClass));

        DomainEvent event = serde.readValue(sample, eventClass);
        String written = serde.writeValueAsString(event);

        assertThat(event.eventType()).isEqualTo(type);
        assertThat(parse(written)).isEqualTo(json(sampleResource(eventClass)));
    }
}
