package dev.agenticchat.agent.tool.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CitationsTest {
    private static final UUID TURN = UUID.randomUUID();
    private static final List<TurnCitation> CANDIDATES = List.of(candidate(1), candidate(2), candidate(3));

    @Test
    void cites_only_the_passages_the_answer_refers_to_by_number() {
        assertThat(Citations.select(CANDIDATES, "Refunds take 14 days [3], unless approved earlier [1]."))
                .extracting(TurnCitation::number).containsExactly(1, 3);
    }

    @Test
    void reads_grouped_and_adjacent_markers() {
        assertThat(Citations.referencedNumbers("See [1, 2][4] and [ x ] or [12]")).containsExactly(1, 2, 4, 12);
    }

    @Test
    void cites_every_passage_shown_when_the_answer_has_no_markers() {
        assertThat(Citations.select(CANDIDATES, "Refunds take 14 days.")).isEqualTo(CANDIDATES);
    }

    @Test
    void ignores_markers_that_name_no_passage() {
        assertThat(Citations.select(CANDIDATES, "As footnote [7] says.")).isEqualTo(CANDIDATES);
    }

    private static TurnCitation candidate(int number) {
        return new TurnCitation(UUID.randomUUID(), TURN, number, "chunk-" + number, "doc", "Handbook", number,
                "passage " + number, 1.0 / number, Instant.now());
    }
}
