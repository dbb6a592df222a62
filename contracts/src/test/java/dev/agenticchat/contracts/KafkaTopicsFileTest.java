package dev.agenticchat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.ContractFiles.TopicLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/kafka/topics.tsv is what deployments create topics from; it must agree with {@link Topics}. */
class KafkaTopicsFileTest {
    private final List<TopicLine> lines = ContractFiles.topicsFile();

    @Test
    void lists_exactly_the_topics_of_Topics_ALL_plus_dead_letter_topics_of_them() {
        List<String> topics = lines.stream().map(TopicLine::topic).toList();
        List<String> deadLetterTopics = topics.stream().filter(topic -> topic.endsWith(".dlq")).toList();

        assertThat(topics).doesNotHaveDuplicates();
        assertThat(topics).filteredOn(topic -> !topic.endsWith(".dlq")).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(deadLetterTopics).isNotEmpty().allSatisfy(deadLetter -> assertThat(Topics.ALL)
                .anySatisfy(topic -> assertThat(Topics.deadLetter(topic)).isEqualTo(deadLetter)));
    }

    @Test
    void every_topic_has_a_positive_partition_count_a_cleanup_policy_and_a_description() {
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.partitions()).as(line.topic()).isPositive();
            assertThat(line.cleanupPolicy()).as(line.topic()).isIn("delete", "compact", "compact,delete");
            assertThat(line.description()).as(line.topic()).isNotBlank();
        });
    }

    @Test
    void topic_names_follow_domain_kind_and_major_version() {
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(topic).matches("[a-z]+\\.[a-z]+\\.v[1-9][0-9]*"));
    }
}
